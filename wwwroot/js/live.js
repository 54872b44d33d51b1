// The live connection shared by the phone view, the host console and the board.
// The server owns the clock: it sends absolute instants (endsAtMs); we estimate our offset to its clock and
// draw countdowns from those instants on every animation frame, never by counting ticks. The connection
// retries forever with backoff, and re-syncs at once when the page becomes visible again (a phone unlocked).
/* global signalR */
import { plural, t } from './i18n.js';

const MAX_RETRY_MS = 15000;
// The server pings an idle connection every second (LiveHub.Configure): silence this long means the network is gone,
// even when the socket still looks open (a phone on flaky Wi-Fi), and the page says it is offline.
const SERVER_SILENCE_MS = 2500;
// The socket itself is given up only after this much silence: a server busy for a few seconds (a loaded node, a long
// pause) gets its phones' "offline" sign, not thousands of reconnects at once. TCP loses nothing in between.
const SERVER_GIVE_UP_MS = 10000;
// A request that hangs on a half-dead network is given up, so the next attempt can find the network back.
const REQUEST_TIMEOUT_MS = 10000;
// The server's answer to a join for an event that does not exist (LiveHub.NoSuchEvent): deleted, or a wrong link.
const EVENT_GONE = 'No such event';
// Pushes a page may not listen to (PeopleChanged is for the host console): heard and ignored, not logged as unknown.
const KNOWN_PUSHES = ['Clock', 'Itinerary', 'PlanChanged', 'PeopleChanged', 'RoomChanged', 'PresenceChanged'];

/**
 * Opens the hub and keeps it open. `join(connection)` is called on every connect and reconnect and must
 * return the snapshot; `onSnapshot` gets it. `handlers` maps server pushes (Clock, Itinerary, PlanChanged,
 * PeopleChanged) to functions. `onState` hears 'connecting' | 'live' | 'reconnecting' (within 2.5 s of the server
 * going silent). `refusedForGood(error)` tells a join the server will never accept (a link that was replaced) from a
 * passing failure: then the connection stops and `onRefused` runs. When the event is deleted (the server says so, or a
 * join finds no such event) the connection stops for good and `onDeleted` runs. The result's `stop()` closes for good.
 */
export function connectLive({ join, onSnapshot, handlers = {}, onState = () => {}, refusedForGood = () => false, onRefused = () => {}, onDeleted = () => {} }) {
  const connection = new signalR.HubConnectionBuilder()
    .withUrl('/hubs/live', { timeout: REQUEST_TIMEOUT_MS })
    .withAutomaticReconnect({ nextRetryDelayInMilliseconds: (context) => backoff(context.previousRetryCount) })
    .withServerTimeout(SERVER_GIVE_UP_MS)
    .configureLogging(signalR.LogLevel.Warning)
    .build();
  // Wrapped so a handler never returns a value: SignalR would send it back as a result nobody asked for.
  for (const [name, handler] of Object.entries(handlers)) connection.on(name, (...values) => { handler(...values); });
  for (const name of KNOWN_PUSHES.filter((n) => !handlers[n])) connection.on(name, () => {});
  connection.on('EventDeleted', () => stopForGood(onDeleted));

  const clock = { offsetMs: 0, bestRttMs: Infinity };
  const State = signalR.HubConnectionState;
  let attempts = 0;
  let syncing = null;
  let timer = null;
  let starting = false;

  let refused = false;

  // Silence watch: every message (a push, an answer, the server's ping) counts as hearing from the server.
  let lastHeard = Date.now();
  let silent = false;
  const transport = connection.connection;
  if (transport?.onreceive) {
    const received = transport.onreceive;
    transport.onreceive = (data) => {
      lastHeard = Date.now();
      if (silent) {
        silent = false;
        if (!refused && connection.state === State.Connected && !syncing) onState('live');
      }
      received(data);
    };
  }
  setInterval(() => {
    if (!silent && !refused && connection.state === State.Connected && Date.now() - lastHeard > SERVER_SILENCE_MS) {
      silent = true;
      onState('reconnecting');
    }
  }, 250);

  // Retrying cannot help: stop for good, then let the page say what to do.
  function stopForGood(then, ...values) {
    if (refused) return;
    refused = true;
    clearTimeout(timer);
    connection.stop();
    then(...values);
  }

  function sync() {
    // One sync at a time; a second caller waits for the one in flight.
    if (syncing) return syncing;
    syncing = (async () => {
      let snapshot;
      try {
        snapshot = await join(connection);
      } catch (error) {
        if (String(error && error.message).includes(EVENT_GONE)) {
          stopForGood(onDeleted);
          return;
        }
        if (refusedForGood(error)) {
          stopForGood(onRefused, error);
          return;
        }
        throw error;
      }
      if (refused) return;
      onSnapshot(snapshot);
      lastHeard = Date.now();
      silent = false;
      onState('live');
      // The offset is refined in the background: the snapshot alone already shows the right table.
      estimateOffset(connection, clock).catch(() => {});
    })().finally(() => { syncing = null; });
    return syncing;
  }

  // One pending (re)start at a time; `now` skips the backoff (the page has just become visible).
  function schedule(now = false) {
    if (refused) return;
    clearTimeout(timer);
    timer = setTimeout(start, now ? 0 : backoff(attempts++));
  }

  function retrySync() {
    if (refused) return;
    clearTimeout(timer);
    timer = setTimeout(() => sync().catch(retrySync), backoff(attempts++));
  }

  async function start() {
    if (starting || connection.state !== State.Disconnected) return;
    starting = true;
    onState(attempts === 0 ? 'connecting' : 'reconnecting');
    try {
      await connection.start();
    } catch {
      // The first start is not covered by automatic reconnect: keep trying, forever, with backoff.
      starting = false;
      schedule();
      return;
    }
    starting = false;
    attempts = 0;
    try {
      await sync();
    } catch (error) {
      console.warn('join failed', error);
      onState('reconnecting');
      retrySync();
    }
  }

  connection.onreconnecting(() => { if (!refused) onState('reconnecting'); });
  connection.onreconnected(() => sync().catch(() => { onState('reconnecting'); retrySync(); }));
  connection.onclose(() => { if (refused) return; onState('reconnecting'); schedule(); });

  // A phone that was locked may hold a stale picture, and a socket the OS killed without telling us
  // (iOS does this): ask for a snapshot at once; if the socket does not answer within a few seconds, or is
  // waiting out a reconnect backoff, drop it and connect afresh now.
  async function wake() {
    if (refused || document.visibilityState !== 'visible') return;
    if (connection.state === State.Connected) {
      const answered = await Promise.race([sync().then(() => true, () => false), new Promise((r) => setTimeout(() => r(false), 3000))]);
      if (answered) return;
    } else if (connection.state !== State.Reconnecting && connection.state !== State.Disconnected) {
      return; // Connecting or disconnecting right now.
    }
    attempts = 0;
    if (connection.state !== State.Disconnected) await connection.stop();
    schedule(true);
  }
  document.addEventListener('visibilitychange', wake);
  window.addEventListener('pageshow', wake);
  window.addEventListener('online', wake);

  start();
  const stop = () => stopForGood(() => {});
  return { connection, clock, serverNow: () => Date.now() + clock.offsetMs, resync: () => sync(), stop };
}

function backoff(retry) {
  const base = Math.min(MAX_RETRY_MS, 500 * 2 ** retry);
  return Math.round(base * (0.8 + Math.random() * 0.4));
}

/** Several pings; the offset comes from the fastest round trip, where the server's answer is most precisely placed. */
async function estimateOffset(connection, clock) {
  const samples = [];
  for (let k = 0; k < 5; k++) {
    const sent = Date.now();
    const server = await connection.invoke('Ping');
    const received = Date.now();
    samples.push({ rtt: received - sent, offset: server + (received - sent) / 2 - received });
  }
  samples.sort((a, b) => a.rtt - b.rtt);
  const best = samples.slice(0, 2);
  clock.offsetMs = best.reduce((sum, s) => sum + s.offset, 0) / best.length;
  clock.bestRttMs = best[0].rtt;
}

/** Milliseconds left on the clock at the server's instant `nowMs`; null when nothing is counting down. */
export function remainingMs(view, nowMs) {
  if (!view) return null;
  if (view.phase === 'paused') return view.remainingMs;
  if (view.endsAtMs == null) return null;
  return Math.max(0, view.endsAtMs - nowMs);
}

/** The countdown while a round or a change of tables runs (or is paused); empty before the start and after the end. */
export function countdownText(view, nowMs) {
  if (!view || view.phase === 'waiting' || view.phase === 'finished') return '';
  return formatRemaining(remainingMs(view, nowMs));
}

/**
 * An `onState` for connectLive that shows `node` (a banner) while not live, with `texts[state]` or `texts.default`
 * (else the shared words: "Connecting…", "Reconnecting to the server…"); `also(state)` runs after, for a page that does more.
 */
export function connectionBanner(node, texts = {}, also = () => {}) {
  return (state) => {
    node.hidden = state === 'live';
    node.textContent = texts[state] ?? texts.default ?? (state === 'connecting' ? t('live.connecting') : t('live.reconnecting'));
    also(state);
  };
}

/** "8:42" (or "1:02:03"); rounds up so the display reaches 0:00 exactly when the round ends. */
export function formatRemaining(ms) {
  if (ms == null) return '';
  const total = Math.ceil(ms / 1000);
  const h = Math.floor(total / 3600);
  const m = Math.floor((total % 3600) / 60);
  const s = String(total % 60).padStart(2, '0');
  return h > 0 ? `${h}:${String(m).padStart(2, '0')}:${s}` : `${m}:${s}`;
}

/** Spoken form for screen readers: "8 minutes 42 seconds left", "Quedan 8 minutos y 42 segundos". */
export function speakRemaining(ms) {
  if (ms == null) return '';
  const total = Math.ceil(ms / 1000);
  const m = Math.floor(total / 60);
  const s = total % 60;
  if (!m) return plural('live.leftSeconds', s);
  if (!s) return plural('live.leftMinutes', m);
  return plural('live.leftMinutesSeconds', m, { seconds: plural('live.seconds', s) });
}

/** Calls `draw` on every animation frame until the page goes away. */
export function everyFrame(draw) {
  const loop = () => { draw(); requestAnimationFrame(loop); };
  requestAnimationFrame(loop);
  // Hidden tabs get no animation frames; draw once when shown so the first frame is right.
  document.addEventListener('visibilitychange', () => { if (!document.hidden) draw(); });
}

/** A short tone (Web Audio), when the browser allows sound; silent otherwise. */
export function chime(context) {
  if (!context) return;
  const tone = context.createOscillator();
  const gain = context.createGain();
  tone.frequency.value = 880;
  gain.gain.setValueAtTime(0.0001, context.currentTime);
  gain.gain.exponentialRampToValueAtTime(0.4, context.currentTime + 0.02);
  gain.gain.exponentialRampToValueAtTime(0.0001, context.currentTime + 0.8);
  tone.connect(gain).connect(context.destination);
  tone.start();
  tone.stop(context.currentTime + 0.85);
}

/** Where a round stands, in words: "Round 3 of 6". */
export function phaseTitle(view) {
  if (!view) return '';
  switch (view.phase) {
    case 'waiting': return t('live.phase.waiting');
    case 'round': return t('live.phase.round', { round: view.round, rounds: view.rounds });
    case 'transition': return view.round < view.rounds ? t('live.phase.transition', { round: view.round + 1 }) : t('live.phase.lastOver');
    case 'paused': return t('live.phase.paused', { round: view.round, rounds: view.rounds });
    case 'finished': return t('live.phase.finished');
    default: return '';
  }
}

/** The round whose seating matters now: the current one, or the next one while people move. */
export function seatingRound(view) {
  if (!view || view.phase === 'waiting') return 1;
  if (view.phase === 'transition') return Math.min(view.round + 1, view.rounds);
  return Math.max(1, view.round);
}
