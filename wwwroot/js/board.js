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
  const response = await fetch(`/api/events/${eventId}/board`);
  if (!response.ok) {
    $('title').textContent = 'No such event: check the board link.';
    return false;
  }
  board = await response.json();
  document.title = `${board.title} - board`;
  $('title').textContent = board.title;
  $('qr').src = `/api/events/${eventId}/join-qr.svg`;
  $('join-url').textContent = board.joinUrl.replace(/^https?:\/\//, '');
  $('code').textContent = board.joinCode;
  render();
  return true;
}

function setClock(view, pushed) {
  const moved = clock && (clock.phase !== view.phase || clock.round !== view.round);
  clock = view;
  document.body.dataset.phase = view.phase;
  if (pushed && moved) chime(audio);
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
    onState: connectionBanner($('connection'), { default: 'Reconnecting…' }),
  });
  everyFrame(draw);
}
