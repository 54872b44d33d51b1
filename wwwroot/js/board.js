// The projector board: a huge countdown, the round, where each table's mentor sits, the join QR; a chime at
// every transition once someone has clicked to allow sound. It speaks the event's language (the host picks it), not
// the projector's browser's.
import { chime, connectionBanner, connectLive, countdownText, everyFrame, phaseTitle, seatingRound } from './live.js';
import { $, el, setText } from './dom.js';
import { format, lang, languages, plural, t } from './i18n.js';

const eventId = location.pathname.split('/').filter(Boolean)[1];
let board = null;
let clock = null;
let live = null;
let audio = null;
// The event's language when this page first read it: a later change is the host's, and the board follows it.
let firstLanguage = null;

/**
 * Reloads the page in the event's language when it shows another; true when it does. An address that names a language
 * (?lang=) keeps it until the host picks a new one; a language the page cannot load never causes a reload (no loops).
 */
function followEventLanguage(language) {
  if (!language || language === lang || !languages.some((l) => l.code === language)) {
    firstLanguage ??= language;
    return false;
  }
  const url = new URL(location.href);
  const asked = url.searchParams.get('lang');
  const hostChanged = firstLanguage !== null && firstLanguage !== language;
  firstLanguage ??= language;
  if (asked === language || (asked && !hostChanged)) return false;
  url.searchParams.set('lang', language);
  location.replace(url);
  return true;
}

async function loadBoard() {
  const response = await fetch(`/api/events/${eventId}/board`).catch(() => null);
  if (response && response.status === 404) {
    eventGone(t('board.noEvent'));
    return false;
  }
  if (!response || !response.ok) {
    // A passing failure keeps the tables already shown; the next plan change loads them again.
    if (!board) $('title').textContent = t('board.couldNotLoad');
    return Boolean(board);
  }
  const answer = await response.json();
  if (followEventLanguage(answer.language)) return false;
  board = answer;
  document.title = t('board.eventTitle', { title: board.title });
  $('title').textContent = board.title;
  $('qr').src = `/api/events/${eventId}/join-qr.svg`;
  joinUrl(board.joinUrl.replace(/^https?:\/\//, ''));
  $('code').textContent = board.joinCode;
  render();
  return true;
}

// A line may break after a "/" only, never inside a word: "example.org/" then "join?code=K7PQ2X".
function joinUrl(text) {
  const parts = text.split('/');
  $('join-url').replaceChildren(...parts.flatMap((part, k) => {
    const piece = el('span', k < parts.length - 1 ? `${part}/` : part, { class: 'unbroken' });
    return k < parts.length - 1 ? [piece, el('wbr')] : [piece];
  }));
}

// Deleted (or never there): say so, and show nothing that looks live.
function eventGone(text) {
  board = null;
  clock = null;
  if (live) live.stop();
  document.title = t('board.pageTitle');
  $('title').textContent = text;
  $('phase').textContent = '';
  $('countdown').textContent = '';
  $('tables').replaceChildren();
  $('connection').hidden = true;
  document.querySelector('.board-join').hidden = true;
  $('sound').hidden = true;
}

function setClock(view, pushed) {
  const moved = clock && (clock.phase !== view.phase || clock.round !== view.round);
  clock = view;
  document.body.dataset.phase = view.phase;
  if (pushed && moved) chime(audio);
  // The prompt is the round's: a new round (or the change of tables before it) brings its own.
  if (moved) loadBoard();
  render();
}

/** Where the event stands, in the board's words: "Round 3 of 6", "Ronda 3 de 6". */
function render() {
  if (!board || !clock) return;
  $('phase').textContent = clock.phase === 'waiting' ? t('board.startsAt', { time: format.time(board.startsAt) }) : phaseTitle(clock);
  const round = seatingRound(clock);
  const tables = board.rounds[round - 1] ?? [];
  $('tables-title').textContent = t('board.tablesOfRound', { n: format.number(round) });
  // A default prompt is worded in the page's language; the host's own shows as written.
  const prompt = board.promptKey ? t(board.promptKey) : board.prompt;
  $('prompt').textContent = prompt ? t('board.prompt', { prompt }) : '';
  $('prompt').hidden = !prompt || clock.phase === 'finished';
  // A table with more or fewer mentees than most is worth a word (a free seat for a walk-in); the rest need none.
  const usual = mostCommon(tables.map((table) => table.mentees));
  $('tables').replaceChildren(...(clock.phase === 'finished' ? [] : tables).map((table) => {
    const item = el('li');
    item.append(el('span', format.number(table.table), { class: 'table-number' }), el('span', table.mentor, { class: 'table-mentor' }));
    if (table.mentees !== usual) item.append(el('span', plural('board.mentees', table.mentees), { class: 'table-mentees' }));
    return item;
  }));
  draw();
  fitTables();
}

function mostCommon(values) {
  const counts = new Map();
  for (const value of values) counts.set(value, (counts.get(value) ?? 0) + 1);
  return [...counts.entries()].sort((a, b) => b[1] - a[1])[0]?.[0];
}

/**
 * The tables take the room the screen leaves them, as large as they can be: every number of columns is tried, each at
 * the largest size where every name shows whole and nothing runs off the screen (a projector cannot scroll, and a name
 * cut off cannot be read from the back of a room). Runs when the tables, the prompt or the screen change.
 */
function fitTables() {
  const list = $('tables');
  const count = list.children.length;
  if (!count) return;
  const names = [...list.querySelectorAll('.table-mentor, .table-mentees')];
  const fits = () => list.scrollHeight <= list.clientHeight + 1 && list.scrollWidth <= list.clientWidth + 1
    && names.every((name) => name.scrollWidth <= name.clientWidth + 1);
  const largest = Math.max(16, Math.round(innerHeight * 0.065));
  let best = { columns: Math.min(3, count), px: 0 };
  for (let columns = 1; columns <= Math.min(6, count); columns++) {
    list.style.setProperty('--columns', columns);
    list.style.setProperty('--rows', Math.ceil(count / columns));
    let [low, high] = [11, largest + 1];
    while (high - low > 1) {
      const middle = Math.floor((low + high) / 2);
      list.style.setProperty('--table-size', `${middle}px`);
      if (fits()) low = middle;
      else high = middle;
    }
    if (low > best.px) best = { columns, px: low };
  }
  list.style.setProperty('--columns', best.columns);
  list.style.setProperty('--rows', Math.ceil(count / best.columns));
  list.style.setProperty('--table-size', `${Math.max(best.px, 12)}px`);
}

// The room left to the tables changes with the screen, the clock's first digits and the prompt's lines.
new ResizeObserver(() => fitTables()).observe($('tables'));

function draw() {
  if (clock && live) setText($('countdown'), countdownText(clock, live.serverNow()));
}

$('sound').addEventListener('click', () => {
  audio = audio ?? (window.AudioContext ? new AudioContext() : null);
  chime(audio);
  $('sound').hidden = true;
});

if (await loadBoard()) {
  live = connectLive({
    join: (connection) => connection.invoke('Join', eventId),
    onSnapshot: (view) => setClock(view, false),
    handlers: { Clock: (view) => setClock(view, true), PlanChanged: () => { loadBoard(); } },
    onState: connectionBanner($('connection'), { connecting: t('board.connecting'), default: t('board.offline') }),
    onDeleted: () => eventGone(t('board.deleted')),
  });
  everyFrame(draw);
}
