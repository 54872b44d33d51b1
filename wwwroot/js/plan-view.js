// The rotation as the planner and the host console show it: lines to fix, quality figures, the grid.
import { el } from './dom.js';
import { format, lang, plural, t } from './i18n.js';

export function showProblems(rejected, warnings) {
  const section = document.getElementById('problems');
  const tbody = document.getElementById('rejected');
  const list = document.getElementById('warnings');
  tbody.replaceChildren(...rejected.map(r => {
    const row = el('tr');
    row.append(el('td', t('plan.lineNumber', { line: format.number(r.line) })), el('td', r.reason));
    return row;
  }));
  list.replaceChildren(...warnings.map(w => el('li', w.line ? t('plan.lineMessage', { line: format.number(w.line), message: w.message }) : w.message)));
  section.hidden = rejected.length === 0 && warnings.length === 0;
}

/** A share written the page's way: "0.4%" in English, "0,4 %" in Spanish. */
const percent = (x, digits) => new Intl.NumberFormat(lang, { style: 'percent', minimumFractionDigits: digits, maximumFractionDigits: digits }).format(x);

/** "0.4%", "less than 0.1%": a share of the best possible score, as a host reads it. */
function share(x) {
  if (x < 0.001) return t('plan.lessThan', { share: percent(0.001, 1) });
  return percent(x, x < 0.1 ? 1 : 0);
}

/** The quality in sentences an HR person can repeat; each says what was checked, good news or not. */
function qualityWords(q, summary) {
  const words = [];
  if (q.preferencesAsked === 0) words.push(t('plan.quality.noRequests'));
  else if (q.preferencesMet === q.preferencesSatisfiable) words.push(plural('plan.quality.allRequestsMet', q.preferencesMet));
  else words.push(plural('plan.quality.someRequestsMet', q.preferencesSatisfiable, { met: format.number(q.preferencesMet) }));
  if (q.preferencesAsked > q.preferencesSatisfiable) {
    words.push(plural('plan.quality.requestsRuledOut', q.preferencesAsked - q.preferencesSatisfiable));
  }
  if (q.gap !== null && q.gap !== undefined) {
    words.push(q.gap <= 0 ? t('plan.quality.best') : t('plan.quality.within', { share: share(q.gap) }));
  }
  if (summary && summary.menteesWithNeeds > 0) {
    if (summary.menteesNoNeedMet > 0) words.push(plural('plan.quality.noNeedMet', summary.menteesNoNeedMet));
    else if (summary.menteesWithNeeds === summary.menteesThere) words.push(plural('plan.quality.everyMenteeMeets', summary.fewestNeedsMet));
    else words.push(plural('plan.quality.everyMenteeWithNeedMeets', summary.fewestNeedsMet));
  }
  if (q.violations.length === 0) words.push(t('plan.quality.rulesKept'));
  else words.push(plural('plan.quality.rulesBroken', q.violations.length));
  if (q.rests === 0) words.push(t('plan.quality.noRests'));
  else if (summary) words.push(t('plan.quality.rests', { total: plural('plan.roundsCount', q.rests), most: plural('plan.roundsCount', summary.mostRests) }));
  words.push(repeatWords(q));
  if (hasHistory(q)) words.push(...historyWords(q));
  return words;
}

// "twice" is its own word in English (no plural form is kept for two); other languages may say "2 times" the same way.
const times = (n) => (n === 2 ? t('plan.twice') : plural('plan.times', n));

/** Whether anyone in this plan met at an earlier event of the programme (the history figures say nothing otherwise). */
const hasHistory = (q) => q.pastPairsAvoided + q.pastPairsAskedAgain > 0 || q.repeatsWithPastTableMates > 0;

// The count alone would alarm a host for nothing when the tables leave no choice: say how many could not be helped.
function repeatWords(q) {
  const repeats = q.menteeRepeats;
  const fewest = q.repeatsLowerBound ?? 0;
  if (repeats === 0) return t('plan.quality.noRepeats');
  if (fewest >= repeats) return t('plan.quality.repeatsFewest', { times: times(repeats) });
  if (fewest > 0) return plural('plan.quality.repeatsUnavoidable', fewest, { times: times(repeats) });
  return t('plan.quality.repeats', { times: times(repeats) });
}

// The bound is a count of seats against people: 0 says nothing forces a repeat, not that none is left.
const repeatHint = (fewest) => (fewest > 0 ? t('plan.figure.repeatsHintSome', { n: format.number(fewest) }) : t('plan.figure.repeatsHintNone'));

function historyWords(q) {
  const words = [];
  if (q.pastPairsAvoided > 0) words.push(plural('plan.quality.pastPairsAvoided', q.pastPairsAvoided));
  if (q.pastPairsAskedAgain > 0) words.push(plural('plan.quality.pastPairsAskedAgain', q.pastPairsAskedAgain));
  words.push(q.repeatsWithPastTableMates === 0
    ? t('plan.quality.noPastTableMates')
    : t('plan.quality.pastTableMates', { times: times(q.repeatsWithPastTableMates) }));
  return words;
}

export function showQuality(q, notes, summary = null) {
  const n = format.number;
  document.getElementById('quality-words').replaceChildren(...qualityWords(q, summary).map((w) => el('li', w)));
  // The figures behind the words, each with what it means: for the host who wants to check or compare.
  const ruledOut = q.preferencesAsked - q.preferencesSatisfiable;
  const figures = [
    [t('plan.figure.score'), n(q.score), q.upperBound === null ? t('plan.figure.scoreHint') : t('plan.figure.scoreHintBound', { most: n(q.upperBound) })],
    [t('plan.figure.gap'), q.gap === null ? t('plan.figure.none') : percent(q.gap, 2), t('plan.figure.gapHint')],
    [t('plan.figure.requests'), t('plan.figure.requestsValue', { met: n(q.preferencesMet), asked: n(q.preferencesSatisfiable) }),
      ruledOut > 0 ? t('plan.figure.requestsRuledOut', { n: n(ruledOut) }) : t('plan.figure.requestsHint')],
    [t('plan.figure.meetings'), n(q.meetings), plural('plan.figure.satOut', q.rests)],
    [t('plan.figure.tableSizes'), q.tableSizeSpread <= 1 ? t('plan.figure.even') : t('plan.figure.differBy', { n: n(q.tableSizeSpread) }), t('plan.figure.tableSizesHint')],
    [t('plan.figure.repeats'), n(q.menteeRepeats), repeatHint(q.repeatsLowerBound ?? 0)],
    ...(hasHistory(q) ? [[t('plan.figure.history'), t('plan.figure.historyValue', { n: n(q.pastPairsAvoided) }),
      t('plan.figure.historyHint', { asked: n(q.pastPairsAskedAgain), times: times(q.repeatsWithPastTableMates) })]] : []),
    [t('plan.figure.lowest'), n(q.worstOffMenteeScore), t('plan.figure.lowestHint', { mean: new Intl.NumberFormat(lang, { minimumFractionDigits: 1, maximumFractionDigits: 1 }).format(q.meanMenteeScore) })],
    [t('plan.figure.agencies'), t('plan.figure.agenciesValue', { cross: n(q.crossAgencyMeetings), meetings: n(q.meetings) }), plural('plan.figure.agenciesHint', q.needsMatchedMeetings)],
    [t('plan.figure.rules'), n(q.violations.length), q.violations.length ? q.violations.join(' ') : t('plan.figure.rulesNone')],
  ];
  document.getElementById('figures').replaceChildren(...figures.map(([name, value, hint]) => {
    const box = el('div');
    const dd = el('dd', String(value));
    if (hint) dd.append(el('small', hint));
    box.append(el('dt', name), dd);
    return box;
  }));
  document.getElementById('notes').replaceChildren(...notes.map(note => el('li', note)));
  document.getElementById('quality').hidden = false;
}

// Why a mentee sits where they sit: the server sends what, the page words it (grades by the format's code).
const GRADES = {
  open: (points) => t('plan.why.grades.open', { points }),
  'senior-to-junior': (points) => t('plan.why.grades.seniorToJunior', { points }),
  'peer-to-peer': (points) => t('plan.why.grades.peerToPeer', { points }),
  reverse: (points) => t('plan.why.grades.reverse', { points }),
};
const REASONS = {
  meeting: (r) => t('plan.why.meeting', { points: r.points }),
  choice: (r) => t('plan.why.choice', { rank: format.number(r.n), points: r.points }),
  needs: (r) => plural('plan.why.needs', r.n, { points: r.points }),
  goals: (r) => t('plan.why.goals', { points: r.points }),
  grades: (r) => (GRADES[r.format] ?? GRADES.open)(r.points),
  agency: (r) => t('plan.why.agency', { points: r.points }),
  opdiv: (r) => t('plan.why.opdiv', { points: r.points }),
  metBefore: () => t('plan.why.metBefore'),
  metBeforeAskedAgain: () => t('plan.why.metBeforeAskedAgain'),
  metBeforePinned: () => t('plan.why.metBeforePinned'),
};

/** Why a mentee sits at a table, in the page's language (the server's own words when it sent no reasons, as an older one did). */
function why(mentee) {
  const parts = mentee.reasons ? mentee.reasons.map((r, k) => REASONS[r.key]?.(r) ?? mentee.why[k]) : mentee.why;
  return t('plan.grid.why', { score: format.number(mentee.score), why: parts.join(', ') });
}

/** The grid; with `onSeat`, each mentee is a button that reports (mentee, mentor, round number). */
export function showGrid(rounds, onSeat = null) {
  const table = document.getElementById('grid');
  const head = el('tr');
  head.append(el('th', t('plan.grid.table'), { scope: 'col' }), ...rounds.map(r => el('th', t('common.round', { n: format.number(r.number) }), { scope: 'col' })));
  const tables = new Map();
  for (const round of rounds) {
    for (const seat of round.tables) tables.set(seat.table, seat.mentor);
  }
  const rows = [...tables.entries()].sort((a, b) => a[0] - b[0]).map(([number, mentor]) => {
    const row = el('tr');
    const th = el('th', `${number}. ${mentor.name}`, { scope: 'row' });
    th.append(el('span', [mentor.agency, mentor.expertise.join(', ')].filter(Boolean).join(' - '), { class: 'agency' }));
    row.append(th);
    for (const round of rounds) {
      const at = round.tables.find(x => x.table === number);
      const cell = el('td');
      if (!at) {
        cell.textContent = t('plan.grid.break');
      } else {
        const list = el('ul');
        list.append(...at.mentees.map(m => {
          const reason = why(m);
          if (!onSeat) return el('li', m.name, { title: reason, tabindex: '0' });
          const item = el('li');
          const button = el('button', m.name, { type: 'button', class: 'seat', title: reason });
          button.addEventListener('click', () => onSeat(m, at.mentor, round.number, at.table));
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
  rest.append(el('th', t('plan.grid.resting'), { scope: 'row' }), ...rounds.map(r => el('td', r.resting.map(p => p.name).join(', ') || '-')));
  const thead = el('thead');
  thead.append(head);
  const tbody = el('tbody');
  tbody.append(...rows, rest);
  table.replaceChildren(thead, tbody);
  document.getElementById('grid-card').hidden = false;
}
