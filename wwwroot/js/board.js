// The projector board: a huge countdown, the round, where each table's mentor sits, the join QR; a chime at
// every transition once someone has clicked to allow sound.
import { chime, connectionBanner, connectLive, countdownText, everyFrame, phaseTitle, seatingRound } from './live.js';
import { $, el, setText } from './dom.js';

const eventId = location.pathname.split('/').filter(Boolean)[1];
let board = null;
let clock = null;
let live = null;
let audio = null;

async function loadBoard() {
  const response = await fetch(`/api/events/${eventId}/board`).catch(() => null);
  if (response && response.status === 404) {
    eventGone('No such event: it may have been deleted by its host. Check the board link.');
    return false;
  }
  if (!response || !response.ok) {
    // A passing failure keeps the tables already shown; the next plan change loads them again.
    if (!board) $('title').textContent = 'The board could not load: check the network, then reload the page.';
    return Boolean(board);
  }
  board = await response.json();
  document.title = `${board.title} - board`;
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
  document.title = 'Board - FlashMentoring';
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

function render() {
  if (!board || !clock) return;
  $('phase').textContent = clock.phase === 'waiting'
    ? `Starts at ${new Date(board.startsAt).toLocaleTimeString([], { hour: 'numeric', minute: '2-digit' })}`
    : phaseTitle(clock);
  const round = seatingRound(clock);
  const tables = board.rounds[round - 1] ?? [];
  $('tables-title').textContent = `Tables, round ${round}`;
  $('prompt').textContent = board.prompt ? `Talk about: ${board.prompt}` : '';
  $('prompt').hidden = !board.prompt || clock.phase === 'finished';
  $('tables').replaceChildren(...(clock.phase === 'finished' ? [] : tables).map((t) => {
    const item = el('li');
    item.append(el('span', String(t.table), { class: 'table-number' }), el('span', t.mentor, { class: 'table-mentor' }));
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
    onState: connectionBanner($('connection'), { connecting: 'Connecting…', default: 'Offline - showing the last known times; reconnects by itself.' }),
    onDeleted: () => eventGone('This event was deleted by its host.'),
  });
  everyFrame(draw);
}
