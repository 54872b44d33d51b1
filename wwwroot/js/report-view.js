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

export function showReport(container, r) {
  const percent = (x) => `${Math.round(100 * x)}%`;
  const mean = (g) => (g.mean == null ? '-' : `${g.mean.toFixed(2)} (${g.count})`);
  const figures = el('dl', null, { class: 'figures' });
  for (const [name, value, hint] of [
    ['Response rate', percent(r.responseRate), `${r.respondents} of ${r.people} people answered`],
    ['Ratings', String(r.ratings), r.meanRating == null ? 'none yet' : `average ${r.meanRating.toFixed(2)} of 5`],
    ['Match score and rating', r.scoreCorrelation == null ? '-' : r.scoreCorrelation.toFixed(2), 'correlation: above 0 means better-scored matches were rated higher'],
    ['Mutual choices', String(r.mutual.length), `${r.suggested.length} suggested as pairs (a mentor at most ${r.mentorCap} mentees, a mentee ${r.menteeCap} mentor)`],
  ]) {
    const box = el('div');
    const dd = el('dd', value);
    dd.append(el('small', hint));
    box.append(el('dt', name), dd);
    figures.append(box);
  }
  const parts = [figures, el('h3', 'Rating by round'), barChart(r.perRound, 'Average rating by round')];
  if (r.byMatch.length) parts.push(el('h3', 'Did the engine\'s matches do better?'), barChart(r.byMatch, 'Average rating by kind of match'));
  parts.push(el('h3', 'Survey'), barChart(r.survey, 'Average survey answer'));
  parts.push(el('h3', 'Suggested long-term pairs'),
    r.suggested.length ? table(['Mentee', 'Mentor', 'Mentee\'s rank', 'Confirmed'], r.suggested.map((p) => [p.mentee, p.mentor, String(p.menteeRank), p.confirmed ? 'yes' : 'not yet'])) : el('p', 'No mutual choices yet.'));
  parts.push(el('h3', 'Ratings per mentor'), table(['Mentor', 'Average (ratings)'], r.perMentor.map((g) => [g.label, mean(g)])));
  parts.push(el('h3', 'Ratings per table'), table(['Table', 'Average (ratings)'], r.perTable.map((g) => [g.label, mean(g)])));
  parts.push(el('h3', 'Notes'), r.notes.length ? el('ul') : el('p', 'No notes yet.'));
  if (r.notes.length) parts.at(-1).append(...r.notes.map((n) => el('li', `${n.round ? `Round ${n.round}` : 'Survey'}: ${n.text} - ${n.author ?? 'anonymous'}`)));
  container.replaceChildren(...parts);
}
