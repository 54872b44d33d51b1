// The host's report: figures, a bar chart per round (SVG built with DOM calls, no markup strings), tables, pairs.
import { el } from './dom.js';
import { format, lang, plural, t } from './i18n.js';

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
    value.textContent = g.mean == null ? t('report.noRatings') : meanOf(g);
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

// Numbers the page's language's way: "4.25" in English, "4,25" in Spanish.
const fixed = (x, digits) => new Intl.NumberFormat(lang, { minimumFractionDigits: digits, maximumFractionDigits: digits }).format(x);
const meanOf = (g) => t('report.meanCount', { mean: fixed(g.mean, 2), count: format.number(g.count) });
const average = (g) => t('report.ofFive', { mean: fixed(g.mean, 1) });
const percentOf = (x) => new Intl.NumberFormat(lang, { style: 'percent', maximumFractionDigits: 0 }).format(x);

/** The report in sentences a host can read out: who answered, how matches were rated, which pairs are ready. */
function reportWords(r) {
  const words = [];
  if (r.respondents === 0) {
    words.push(t('report.noAnswers'));
  } else {
    words.push(plural('report.answered', r.people, { respondents: format.number(r.respondents), percent: percentOf(r.responseRate) }));
  }
  if (r.meanRating != null) words.push(plural('report.average', r.ratings, { mean: fixed(r.meanRating, 1) }));
  const [asked, other] = r.byMatch;
  if (asked?.mean != null && other?.mean != null) {
    const key = asked.mean > other.mean + 0.05 ? 'report.askedHigher' : asked.mean < other.mean - 0.05 ? 'report.askedLower' : 'report.askedSame';
    words.push(t(key, { asked: average(asked), other: average(other) }));
  }
  const confirmed = r.suggested.filter((p) => p.confirmed).length;
  if (r.suggested.length === 0) {
    words.push(t(r.mutual.length ? 'report.noPairsToSuggest' : 'report.noPairsYet'));
  } else if (confirmed === r.suggested.length) {
    words.push(plural('report.pairsConfirmed', r.suggested.length));
  } else {
    words.push(plural('report.pairsReady', r.suggested.length - confirmed));
  }
  return words;
}

export function showReport(container, r) {
  const mean = (g) => (g.mean == null ? '-' : meanOf(g));
  const words = el('ul', null, { class: 'words' });
  words.append(...reportWords(r).map((w) => el('li', w)));
  const figures = el('dl', null, { class: 'figures' });
  for (const [name, value, hint] of [
    [t('report.figure.responseRate'), percentOf(r.responseRate), plural('report.figure.answered', r.people, { respondents: format.number(r.respondents) })],
    [t('report.figure.ratings'), format.number(r.ratings), r.meanRating == null ? t('report.figure.noneYet') : t('report.figure.average', { mean: fixed(r.meanRating, 2) })],
    [t('report.figure.correlation'), r.scoreCorrelation == null ? '-' : fixed(r.scoreCorrelation, 2), t('report.figure.correlationHint')],
    [t('report.figure.mutual'), format.number(r.mutual.length), t('report.figure.suggested', { n: format.number(r.suggested.length), mentorCap: format.number(r.mentorCap), menteeCap: format.number(r.menteeCap) })],
  ]) {
    const box = el('div');
    const dd = el('dd', value);
    dd.append(el('small', hint));
    box.append(el('dt', name), dd);
    figures.append(box);
  }
  const parts = [words, el('h3', t('report.suggestedTitle')),
    r.suggested.length
      ? table([t('report.column.mentee'), t('report.column.mentor'), t('report.column.rank'), t('report.column.confirmed')],
        r.suggested.map((p) => [p.mentee, p.mentor, format.number(p.menteeRank), t(p.confirmed ? 'report.yes' : 'report.notYet')]))
      : el('p', t('report.noMutual'))];
  parts.push(el('h3', t('report.byRoundTitle')), barChart(r.perRound, t('report.byRoundChart')));
  parts.push(el('h3', t('report.notesTitle')), r.notes.length ? el('ul') : el('p', t('report.noNotes')));
  if (r.notes.length) {
    parts.at(-1).append(...r.notes.map((n) => el('li', t('report.note', {
      when: n.round ? t('common.round', { n: format.number(n.round) }) : t('report.survey'),
      text: n.text,
      author: n.author ?? t('report.anonymous'),
    }))));
  }
  // The numbers on demand, each with what it means.
  const numbers = el('details', null, { class: 'numbers' });
  numbers.append(el('summary', t('host.numbers')), figures);
  if (r.byMatch.length) numbers.append(el('h3', t('report.byMatchTitle')), barChart(r.byMatch, t('report.byMatchChart')));
  numbers.append(el('h3', t('report.survey')), barChart(r.survey, t('report.surveyChart')));
  numbers.append(el('h3', t('report.perMentorTitle')), table([t('report.column.mentor'), t('report.column.average')], r.perMentor.map((g) => [g.label, mean(g)])));
  numbers.append(el('h3', t('report.perTableTitle')), table([t('report.column.table'), t('report.column.average')], r.perTable.map((g) => [g.label, mean(g)])));
  parts.push(numbers);
  // The report refreshes itself as answers arrive: what the host opened stays open.
  numbers.open = container.querySelector('details.numbers')?.open ?? false;
  container.replaceChildren(...parts);
}
