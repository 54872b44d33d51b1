// The rotation as the planner and the host console show it: lines to fix, quality figures, the grid.
import { count, el } from './dom.js';

export function showProblems(rejected, warnings) {
  const section = document.getElementById('problems');
  const tbody = document.getElementById('rejected');
  const list = document.getElementById('warnings');
  tbody.replaceChildren(...rejected.map(r => {
    const row = el('tr');
    row.append(el('td', `Line ${r.line}`), el('td', r.reason));
    return row;
  }));
  list.replaceChildren(...warnings.map(w => el('li', w.line ? `Line ${w.line}: ${w.message}` : w.message)));
  section.hidden = rejected.length === 0 && warnings.length === 0;
}

/** "0.4%", "less than 0.1%": a share of the best possible score, as a host reads it. */
function share(x) {
  if (x < 0.001) return 'less than 0.1%';
  return `${(100 * x).toFixed(x < 0.1 ? 1 : 0)}%`;
}

/** The quality in sentences an HR person can repeat; each says what was checked, good news or not. */
function qualityWords(q, summary) {
  const words = [];
  if (q.preferencesAsked === 0) words.push('Nobody asked for a particular mentor.');
  else if (q.preferencesMet === q.preferencesSatisfiable) words.push(`All ${count(q.preferencesMet, 'request')} for a particular mentor met.`);
  else words.push(`${q.preferencesMet} of ${count(q.preferencesSatisfiable, 'request')} for a particular mentor met; the others could not fit.`);
  if (q.preferencesAsked > q.preferencesSatisfiable) {
    words.push(`${count(q.preferencesAsked - q.preferencesSatisfiable, 'more request')} could not be met: an avoid list or a forbidden pair rules them out.`);
  }
  if (q.gap !== null && q.gap !== undefined) {
    words.push(q.gap <= 0 ? 'This is the best rotation possible for this roster.' : `Within ${share(q.gap)} of the best rotation possible.`);
  }
  if (summary && summary.menteesWithNeeds > 0) {
    const who = summary.menteesWithNeeds === summary.menteesThere ? 'Every mentee' : 'Every mentee who listed a need';
    words.push(summary.menteesNoNeedMet > 0
      ? `${count(summary.menteesNoNeedMet, 'mentee meets', 'mentees meet')} no mentor with the expertise they need.`
      : `${who} meets at least ${count(summary.fewestNeedsMet, 'mentor')} with the expertise they need.`);
  }
  if (q.violations.length === 0) words.push('Nobody meets the same mentor twice, and every avoid list is kept.');
  else words.push(`Check this plan: ${count(q.violations.length, 'rule')} broken (listed under the numbers).`);
  if (q.rests === 0) words.push('Nobody sits out a round.');
  else if (summary) words.push(`Mentees sit out ${count(q.rests, 'round')} in all, nobody more than ${count(summary.mostRests, 'round')}.`);
  words.push(repeatWords(q));
  if (hasHistory(q)) words.push(...historyWords(q));
  return words;
}

const times = (n) => (n === 1 ? 'once' : n === 2 ? 'twice' : count(n, 'time'));

/** Whether anyone in this plan met at an earlier event of the programme (the history figures say nothing otherwise). */
const hasHistory = (q) => q.pastPairsAvoided + q.pastPairsAskedAgain > 0 || q.repeatsWithPastTableMates > 0;

// The count alone would alarm a host for nothing when the tables leave no choice: say how many could not be helped.
function repeatWords(q) {
  const repeats = q.menteeRepeats;
  const fewest = q.repeatsLowerBound ?? 0;
  if (repeats === 0) return 'No two mentees share a table twice.';
  const again = `Two mentees share a table again ${times(repeats)}`;
  if (fewest >= repeats) return `${again}, the fewest possible with these tables.`;
  if (fewest > 0) return `${again}; at least ${fewest.toLocaleString()} ${fewest === 1 ? 'is' : 'are'} unavoidable with these tables.`;
  return `${again}.`;
}

// The bound is a count of seats against people: 0 says nothing forces a repeat, not that none is left.
const repeatHint = (fewest) => (fewest > 0
  ? `times two mentees share a table again; at least ${fewest.toLocaleString()} cannot be avoided with these tables`
  : 'times two mentees share a table again; none is forced by the number of seats');

function historyWords(q) {
  const words = [];
  if (q.pastPairsAvoided > 0) {
    words.push(`${count(q.pastPairsAvoided, 'pair who met at an earlier event is', 'pairs who met at an earlier event are')} not seated together again.`);
  }
  if (q.pastPairsAskedAgain > 0) {
    words.push(`${count(q.pastPairsAskedAgain, 'pair meets', 'pairs meet')} again because the mentee asked for that mentor or you paired them.`);
  }
  words.push(q.repeatsWithPastTableMates === 0
    ? 'No mentee sits with someone they sat with at an earlier event.'
    : `Mentees sit with someone they sat with at an earlier event ${times(q.repeatsWithPastTableMates)}.`);
  return words;
}

export function showQuality(q, notes, summary = null) {
  const percent = (x) => `${(100 * x).toFixed(2)}%`;
  document.getElementById('quality-words').replaceChildren(...qualityWords(q, summary).map((w) => el('li', w)));
  // The figures behind the words, each with what it means: for the host who wants to check or compare.
  const figures = [
    ['Score', q.score.toLocaleString(), q.upperBound === null ? 'points for every meeting: needs met, requests, new agencies'
      : `points for every meeting; no rotation of this roster can score more than ${q.upperBound.toLocaleString()}`],
    ['Gap to the best possible', q.gap === null ? 'n/a' : percent(q.gap), 'how far the score is below that most: 0% is the best possible'],
    ['Requests met', `${q.preferencesMet} of ${q.preferencesSatisfiable}`,
      q.preferencesAsked > q.preferencesSatisfiable ? `${q.preferencesAsked - q.preferencesSatisfiable} more asked but ruled out by avoid lists` : 'every mentor a mentee asked for'],
    ['Meetings', q.meetings.toLocaleString(), `${count(q.rests, 'round')} sat out`],
    ['Table sizes', q.tableSizeSpread <= 1 ? 'even' : `differ by ${q.tableSizeSpread}`, 'largest difference within a round'],
    ['Mentees meeting again', q.menteeRepeats, repeatHint(q.repeatsLowerBound ?? 0)],
    ...(hasHistory(q) ? [['Met at an earlier event', `${q.pastPairsAvoided} kept apart`,
      `mentee and mentor pairs not seated together again; ${q.pastPairsAskedAgain} asked to meet again; mentees sit with an earlier tablemate ${times(q.repeatsWithPastTableMates)}`]] : []),
    ['Lowest mentee score', q.worstOffMenteeScore, `the mentee who gains least from the day; the average is ${q.meanMenteeScore.toFixed(1)}`],
    ['Across agencies', `${q.crossAgencyMeetings} of ${q.meetings}`, `${q.needsMatchedMeetings} meetings match a need`],
    ['Hard rules broken', q.violations.length, q.violations.length ? q.violations.join(' ') : 'none'],
  ];
  document.getElementById('figures').replaceChildren(...figures.map(([name, value, hint]) => {
    const box = el('div');
    const dd = el('dd', String(value));
    if (hint) dd.append(el('small', hint));
    box.append(el('dt', name), dd);
    return box;
  }));
  document.getElementById('notes').replaceChildren(...notes.map(n => el('li', n)));
  document.getElementById('quality').hidden = false;
}

/** The grid; with `onSeat`, each mentee is a button that reports (mentee, mentor, round number). */
export function showGrid(rounds, onSeat = null) {
  const table = document.getElementById('grid');
  const head = el('tr');
  head.append(el('th', 'Table', { scope: 'col' }), ...rounds.map(r => el('th', `Round ${r.number}`, { scope: 'col' })));
  const tables = new Map();
  for (const round of rounds) {
    for (const t of round.tables) tables.set(t.table, t.mentor);
  }
  const rows = [...tables.entries()].sort((a, b) => a[0] - b[0]).map(([number, mentor]) => {
    const row = el('tr');
    const th = el('th', `${number}. ${mentor.name}`, { scope: 'row' });
    th.append(el('span', [mentor.agency, mentor.expertise.join(', ')].filter(Boolean).join(' - '), { class: 'agency' }));
    row.append(th);
    for (const round of rounds) {
      const t = round.tables.find(x => x.table === number);
      const cell = el('td');
      if (!t) {
        cell.textContent = 'break';
      } else {
        const list = el('ul');
        list.append(...t.mentees.map(m => {
          const why = `score ${m.score}: ${m.why.join(', ')}`;
          if (!onSeat) return el('li', m.name, { title: why, tabindex: '0' });
          const item = el('li');
          const button = el('button', m.name, { type: 'button', class: 'seat', title: why });
          button.addEventListener('click', () => onSeat(m, t.mentor, round.number, t.table));
          item.append(button);
          return item;
        }));
        cell.append(list);
      }
      row.append(cell);
    }
    return row;
  });
  const rest = el('tr', null, { class: 'resting' });
  rest.append(el('th', 'Resting', { scope: 'row' }), ...rounds.map(r => el('td', r.resting.map(p => p.name).join(', ') || '-')));
  const thead = el('thead');
  thead.append(head);
  const tbody = el('tbody');
  tbody.append(...rows, rest);
  table.replaceChildren(thead, tbody);
  document.getElementById('grid-card').hidden = false;
}
