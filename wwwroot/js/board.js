// The projector board: a huge countdown, the round, where each table's mentor sits, the join QR; a chime at
// every transition once someone has clicked to allow sound. It speaks the event's language (the host picks it), not
// the projector's browser's.
import { chime, connectionBanner, connectLive, countdownText, everyFrame, seatingRound } from './live.js';
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
function phaseWords(view) {
  const n = format.number;
  switch (view.phase) {
    case 'waiting': return t('board.startsAt', { time: format.time(board.startsAt) });
    case 'round': return t('board.phase.round', { round: n(view.round), rounds: n(view.rounds) });
    case 'transition': return view.round < view.rounds ? t('board.phase.transition', { round: n(view.round + 1) }) : t('board.phase.lastOver');
    case 'paused': return t('board.phase.paused', { round: n(view.round), rounds: n(view.rounds) });
    case 'finished': return t('board.phase.finished');
    default: return '';
  }
}

function render() {
  if (!board || !clock) return;
  $('phase').textContent = phaseWords(clock);
  const round = seatingRound(clock);
  const tables = board.rounds[round - 1] ?? [];
  $('tables-title').textContent = t('board.tablesOfRound', { n: format.number(round) });
  // A default prompt is worded in the page's language; the host's own shows as written.
  const prompt = board.promptKey ? t(board.promptKey) : board.prompt;
  $('prompt').textContent = prompt ? t('board.prompt', { prompt }) : '';
  $('prompt').hidden = !prompt || clock.phase === 'finished';
  $('tables').replaceChildren(...(clock.phase === 'finished' ? [] : tables).map((table) => {
    const item = el('li');
    item.append(
      el('span', format.number(table.table), { class: 'table-number' }),
      el('span', table.mentor, { class: 'table-mentor' }),
      el('span', plural('board.mentees', table.mentees), { class: 'table-mentees' }),
    );
    return item;
  }));
  draw();
}

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
