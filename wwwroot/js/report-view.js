// The host's report: figures, a bar chart per round (SVG built with DOM calls, no markup strings), tables, pairs.
import { el } from './dom.js';

const SVG = 'http://www.w3.org/2000/svg';

function svg(tag, attributes = {}) {
  const node = document.createElementNS(SVG, tag);
  for (const [name, value] of Object.entries(attributes)) node.setAttribute(name, String(value));
  return node;
}

/** A horizontal bar chart of mean ratings (0 to 5), one bar per group, with its count. */
export function barChart(groups, title) {
  const row = 26;
  const width = 620;
  const labelWidth = 270;
  const chart = svg('svg', { viewBox: `0 0 ${width} ${groups.length * row + 10}`, role: 'img', 'aria-label': title, class: 'chart' });
  groups.forEach((g, k) => {
    const y = 5 + k * row;
    const label = svg('text', { x: 0, y: y + 16, class: 'chart-label' });
    label.textContent = g.label;
    const barWidth = g.mean == null ? 0 : ((width - labelWidth - 90) * g.mean) / 5;
    const value = svg('text', { x: labelWidth + barWidth + 6, y: y + 16, class: 'chart-value' });
    value.textContent = g.mean == null ? 'no ratings' : `${g.mean.toFixed(2)} (${g.count})`;
    chart.append(label, svg('rect', { x: labelWidth, y: y + 4, width: barWidth, height: row - 10, class: 'chart-bar' }), value);
  });
  return chart;
}

function table(headers, rows) {
  const t = el('table');
  const head = el('tr');
  head.append(...headers.map((h) => el('th', h, { scope: 'col' })));
  const body = el('tbody');
  body.append(...rows.map((cells) => {
    const tr = el('tr');
    tr.append(...cells.map((c) => el('td', c)));
    return tr;
  }));
  const thead = el('thead');
  thead.append(head);
  t.append(thead, body);
  return t;
}

const average = (g) => `${g.mean.toFixed(1)} of 5`;

/** The report in sentences a host can read out: who answered, how matches were rated, which pairs are ready. */
function reportWords(r) {
  const words = [];
  if (r.respondents === 0) {
    words.push('No answers yet. Phones ask for a rating at the end of each round.');
  } else {
    words.push(`${r.respondents} of ${r.people} people answered (${Math.round(100 * r.responseRate)}%).`);
  }
  if (r.meanRating != null) words.push(`${r.ratings === 1 ? 'The one rating is' : `The ${r.ratings} ratings average`} ${r.meanRating.toFixed(1)} of 5.`);
  const [asked, other] = r.byMatch;
  if (asked?.mean != null && other?.mean != null) {
    const compare = asked.mean > other.mean + 0.05 ? 'higher than' : asked.mean < other.mean - 0.05 ? 'lower than' : 'about the same as';
    words.push(`Mentees rated the mentors they asked for ${average(asked)}: ${compare} the other matches (${average(other)}).`);
  }
  const confirmed = r.suggested.filter((p) => p.confirmed).length;
  if (r.suggested.length === 0) {
    words.push(r.mutual.length ? 'No long-term pairs to suggest yet.' : 'No long-term pairs yet: people choose whom to keep in touch with after the last round.');
  } else if (confirmed === r.suggested.length) {
    words.push(`${r.suggested.length} long-term ${r.suggested.length === 1 ? 'pair is' : 'pairs are'} confirmed.`);
  } else {
    words.push(`${r.suggested.length - confirmed} long-term ${r.suggested.length - confirmed === 1 ? 'pair is' : 'pairs are'} ready to confirm: both sides chose each other.`);
  }
  return words;
}

export function showReport(container, r) {
  const percent = (x) => `${Math.round(100 * x)}%`;
  const mean = (g) => (g.mean == null ? '-' : `${g.mean.toFixed(2)} (${g.count})`);
  const words = el('ul', null, { class: 'words' });
  words.append(...reportWords(r).map((w) => el('li', w)));
  const figures = el('dl', null, { class: 'figures' });
  for (const [name, value, hint] of [
    ['Response rate', percent(r.responseRate), `${r.respondents} of ${r.people} people answered`],
    ['Ratings', String(r.ratings), r.meanRating == null ? 'none yet' : `average ${r.meanRating.toFixed(2)} of 5`],
    ['Match score and rating', r.scoreCorrelation == null ? '-' : r.scoreCorrelation.toFixed(2),
      'correlation, from -1 to 1: above 0 means the matches the engine scored higher were rated higher; near 0, no link'],
    ['Mutual choices', String(r.mutual.length), `${r.suggested.length} suggested as pairs (a mentor at most ${r.mentorCap} mentees, a mentee ${r.menteeCap} mentor)`],
  ]) {
    const box = el('div');
    const dd = el('dd', value);
    dd.append(el('small', hint));
    box.append(el('dt', name), dd);
    figures.append(box);
  }
  const parts = [words, el('h3', 'Suggested long-term pairs'),
    r.suggested.length ? table(['Mentee', 'Mentor', 'Mentee\'s rank', 'Confirmed'], r.suggested.map((p) => [p.mentee, p.mentor, String(p.menteeRank), p.confirmed ? 'yes' : 'not yet'])) : el('p', 'No mutual choices yet.')];
  parts.push(el('h3', 'Rating by round'), barChart(r.perRound, 'Average rating by round'));
  parts.push(el('h3', 'Notes'), r.notes.length ? el('ul') : el('p', 'No notes yet.'));
  if (r.notes.length) parts.at(-1).append(...r.notes.map((n) => el('li', `${n.round ? `Round ${n.round}` : 'Survey'}: ${n.text} - ${n.author ?? 'anonymous'}`)));
  // The numbers on demand, each with what it means.
  const numbers = el('details', null, { class: 'numbers' });
  numbers.append(el('summary', 'The numbers behind this'), figures);
  if (r.byMatch.length) numbers.append(el('h3', 'Did the engine\'s matches do better?'), barChart(r.byMatch, 'Average rating by kind of match'));
  numbers.append(el('h3', 'Survey'), barChart(r.survey, 'Average survey answer'));
  numbers.append(el('h3', 'Ratings per mentor'), table(['Mentor', 'Average (ratings)'], r.perMentor.map((g) => [g.label, mean(g)])));
  numbers.append(el('h3', 'Ratings per table'), table(['Table', 'Average (ratings)'], r.perTable.map((g) => [g.label, mean(g)])));
  parts.push(numbers);
  // The report refreshes itself as answers arrive: what the host opened stays open.
  numbers.open = container.querySelector('details.numbers')?.open ?? false;
  container.replaceChildren(...parts);
}
