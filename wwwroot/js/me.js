// The phone view: which table now, with whom, how long is left, where next. It restores from the personal
// link (token in the fragment, also kept on this device), survives reloads, locked screens and flaky Wi-Fi.
import { chime, connectionBanner, connectLive, everyFrame, formatRemaining, phaseTitle, remainingMs, seatingRound, speakRemaining } from './live.js';
import { $, el, problemText, sayIn, setText } from './dom.js';
import { send } from './outbox.js';

// The host's console opens someone's view as a preview: shown, but neither kept here nor claimed for this device.
const preview = new URLSearchParams(location.hash.slice(1)).has('preview');
const token = readToken();
let me = null;
let clock = null;
let live = null;
let audio = null;
let lastSpoken = '';
// Online rooms: mentees this mentor reported missing ("round:id"), and the last "the room link changed" notice.
const reported = new Set();
let roomNotice = null;
let inRoomQueued = 0;

if (!token) {
  $('greeting').textContent = 'Who are you?';
  $('no-link').hidden = false;
} else {
  live = connectLive({
    join: (connection) => connection.invoke(preview ? 'PreviewPerson' : 'JoinPerson', token),
    onSnapshot: (view) => { me = view; setClock(view.clock, false); render(); },
    handlers: {
      Clock: (view) => setClock(view, true),
      // A re-plan: the new seats at once, then the whole view, since a check-in (marked absent, or back) came with it.
      Itinerary: (rows) => { if (me) { me.rounds = rows; render(); live.resync().catch(() => {}); } },
      RoomChanged: (table, link) => roomChanged(table, link),
      // New prompts, rooms or a re-plan: every phone reads its view again, spread over a few seconds so a room of
      // them does not ask in the same instant.
      PlanChanged: () => { if (me) setTimeout(() => live.resync().catch(() => {}), Math.random() * 3000); },
    },
    // The server's answer for a link nobody has (replaced by the host, or its event deleted): no retry will help.
    refusedForGood: (error) => String(error && error.message).includes('personal link is not valid'),
    onRefused: () => linkGone('This link no longer works',
      'The host may have given you a new personal link, or the event has been deleted by its host. Ask the host, or '),
    onDeleted: () => linkGone('This event was deleted by its host.', 'Its tables and times are gone from this app. If you are at another event, '),
    onState: connectionBanner($('connection'), {
      connecting: 'Connecting…',
      // Before the first snapshot there are no times to show; after it, the countdown keeps running from them.
      get reconnecting() { return me ? 'Offline - showing the last known times; reconnects by itself.' : 'Offline - no connection to the event yet; it keeps trying.'; },
    }, (state) => {
      if (state === 'live') document.dispatchEvent(new CustomEvent('fm:online'));
      document.body.classList.toggle('offline', state !== 'live');
    }),
  });
  everyFrame(drawCountdown);
}

// Nothing more will come for this link: say why, keep no copy of it, and show no stale table.
function linkGone(title, help) {
  $('connection').hidden = true;
  $('greeting').textContent = title;
  $('no-link').replaceChildren(help, el('a', 'join again with the event\'s code', { href: '/join' }), '.');
  $('no-link').hidden = false;
  $('event-title').textContent = '';
  for (const id of ['now-card', 'next-card', 'rate-card', 'after-card', 'itinerary-card', 'absent-card', 'tools', 'before-links']) $(id).hidden = true;
  me = null;
  clock = null;
  document.body.classList.remove('offline');
  if (localStorage.getItem('flashmentoring.token') === token) localStorage.removeItem('flashmentoring.token');
}

function readToken() {
  const fromLink = new URLSearchParams(location.hash.slice(1)).get('t');
  if (fromLink && preview) return fromLink;
  if (fromLink) {
    localStorage.setItem('flashmentoring.token', fromLink);
    return fromLink;
  }
  const kept = localStorage.getItem('flashmentoring.token');
  if (kept) history.replaceState(null, '', `/me#t=${kept}`);
  return kept;
}

function setClock(view, pushed) {
  const moved = clock && (view.phase !== clock.phase || view.round !== clock.round);
  clock = view;
  document.body.dataset.phase = view.phase;
  if (pushed && moved) cue();
  render();
}

// At each transition: buzz, chime and a colour change, as far as the browser allows.
function cue() {
  if (navigator.vibrate) navigator.vibrate([300, 120, 300]);
  chime(audio);
  document.body.classList.remove('flash');
  void document.body.offsetWidth;
  document.body.classList.add('flash');
}

function render() {
  if (!me) return;
  $('event-title').textContent = me.title;
  document.body.classList.toggle('online-view', me.attends === 'online');
  $('greeting').textContent = me.role === 'mentor' ? `${me.name}, you host a table` : `Hello, ${me.name}`;
  $('phase').textContent = phaseTitle(clock);
  const round = seatingRound(clock);
  const row = me.rounds.find((r) => r.round === round);
  const moving = clock && (clock.phase === 'transition' || clock.phase === 'waiting');
  const absent = me.status === 'absent' && !(clock && clock.phase === 'finished');
  showAbsent(absent);
  if (absent) {
    $('go-to').textContent = 'You were marked absent';
    $('mentor').textContent = '';
    $('with').textContent = '';
  } else if (clock && clock.phase === 'finished') {
    $('go-to').textContent = 'Thank you for taking part.';
    $('mentor').textContent = '';
    $('with').textContent = '';
  } else if (!row || row.table == null) {
    $('go-to').textContent = me.role === 'mentor' ? `Round ${round}: your table is closed - take a break` : `Round ${round}: take a break`;
    $('mentor').textContent = '';
    $('with').textContent = '';
  } else if (me.attends === 'online') {
    // The room button and its warnings say where to go; the in-room wording ("Go to Table 7") would mislead.
    $('go-to').textContent = '';
    $('mentor').textContent = me.role === 'mentor' ? (row.summary ?? '') : mentorLine(row);
    if (row.asked && me.role !== 'mentor') $('mentor').append(' ', askedMark());
    $('with').textContent = row.with.length && me.role !== 'mentor' ? `With ${row.with.join(', ')}` : '';
  } else {
    $('go-to').textContent = `${moving ? 'Go to' : 'You are at'} Table ${row.table}`;
    $('mentor').textContent = me.role === 'mentor'
      ? (row.summary ?? '')
      : mentorLine(row);
    if (row.asked && me.role !== 'mentor') $('mentor').append(' ', askedMark());
    $('with').textContent = row.with.length ? `With ${row.with.join(', ')}` : '';
  }

  const next = me.rounds.find((r) => r.round === round + 1);
  $('next-card').hidden = absent || !next || (clock && clock.phase === 'finished');
  if (next && me.attends === 'online') {
    const at = roundStartsAt(next.round);
    const where = next.table == null ? `Round ${next.round}: a break` : `Table ${next.table}'s room`;
    $('next').textContent = `${where}${at == null ? '' : ` at ${clockTime(at)}`}${next.table != null && me.role !== 'mentor' ? ` - ${next.mentor}` : ''}`;
  } else if (next) {
    $('next').textContent = next.table == null ? `Round ${next.round}: a break` : `Round ${next.round}: Table ${next.table} - ${me.role === 'mentor' ? next.summary : next.mentor}`;
  }
  renderRoom(absent ? null : row, round);
  // The round's prompt, in the room and online alike.
  const talking = !absent && row && row.table != null && !(clock && clock.phase === 'finished') ? row.prompt : null;
  $('prompt-box').hidden = !talking;
  setText($('prompt'), talking ?? '');

  $('itinerary').replaceChildren(...me.rounds.map((r) => {
    const where = me.attends === 'online' ? `Table ${r.table}'s room` : `Table ${r.table}`;
    const item = el('li', r.table == null ? `${r.label}: break` : `${r.label}: ${where} - ${me.role === 'mentor' ? `${r.summary}: ${r.with.join(', ')}` : r.mentor}`);
    if (r.round === round && clock && clock.phase !== 'finished') item.setAttribute('aria-current', 'step');
    if (r.asked && me.role !== 'mentor') item.append(' ', askedMark());
    return item;
  }));
  // Before the event: the profile, and for a mentee the mentor search, are a tap away.
  $('before-links').hidden = preview || !clock || clock.phase !== 'waiting';
  $('to-profile').href = `/profile#t=${token}`;
  $('to-mentors').href = `/mentors#t=${token}`;
  $('to-mentors').hidden = me.role === 'mentor';
  drawCountdown();
  // The feedback module (ratings, survey, keep in touch) follows the same state.
  if (preview) {
    $('event-title').textContent = `Preview of ${me.name}'s phone (their link stays theirs) - ${me.title}`;
    return;
  }
  document.dispatchEvent(new CustomEvent('fm:state', { detail: { me, clock, token } }));
}

// "Omar Khayyam (OPM; hiring)", without empty brackets when the roster gave neither.
function mentorLine(row) {
  const details = [row.mentorAgency, row.mentorExpertise.join(', ')].filter(Boolean).join('; ');
  return details ? `${row.mentor} (${details})` : row.mentor;
}

// A mentor this mentee marked "must meet": a mark seen and read alike, not a colour alone.
const askedMark = () => el('strong', 'You asked to meet', { class: 'asked-mark' });

// Marked absent by the host: the phone says so (not "a break") and offers "I'm here"; the host confirms in the room.
function showAbsent(absent) {
  $('absent-card').hidden = !absent || preview;
  $('here').hidden = me.hereAsked;
  if (me.hereAsked) sayIn($('here-status'), 'Asked: the host will confirm.');
  else if (!$('here-status').classList.contains('error')) sayIn($('here-status'), '');
}

$('here').addEventListener('click', async () => {
  $('here').disabled = true;
  sayIn($('here-status'), '');
  try {
    const response = await fetch('/api/me/here', { method: 'POST', headers: { 'X-Person-Token': token } });
    const body = await response.json().catch(() => ({}));
    if (response.ok) {
      me.hereAsked = true;
    } else if (response.status === 409) {
      // Already back in the plan (the host was quicker): the view shows the table.
      await live.resync();
    } else {
      sayIn($('here-status'), `Not sent: ${problemText(body, 'try again')}`, true);
    }
  } catch {
    sayIn($('here-status'), 'No connection: not sent. Press "I\'m here" again when the Wi-Fi is back, or tell the host at the door.', true);
  } finally {
    $('here').disabled = false;
  }
  render();
});

function drawCountdown() {
  if (!clock || !live) return;
  const ms = remainingMs(clock, live.serverNow());
  const text = clock.phase === 'waiting'
    ? `Starts at ${new Date(me ? me.startsAt : Date.now()).toLocaleTimeString([], { hour: 'numeric', minute: '2-digit' })}`
    : formatRemaining(ms);
  setText($('countdown'), me && me.attends === 'online' && ms != null ? `${text} left` : text);
  drawRoomWarning(ms);
  $('countdown').dataset.ms = ms ?? '';
  // Screen readers hear the time left once a minute, not every second.
  const spoken = ms == null ? text : speakRemaining(Math.ceil(ms / 60000) * 60000);
  if (spoken !== lastSpoken) { $('countdown-spoken').textContent = spoken; lastSpoken = spoken; }
}

// Sound and wake lock both need a tap; one button arms both.
$('wake').addEventListener('click', async () => {
  audio = audio ?? (window.AudioContext ? new AudioContext() : null);
  if (!('wakeLock' in navigator) || !window.isSecureContext) {
    $('wake-note').textContent = 'Sound is on. Keeping the screen on needs the event to be served over HTTPS; if your screen locks, this page catches up the moment you unlock it.';
    return;
  }
  try {
    await navigator.wakeLock.request('screen');
    $('wake-note').textContent = 'Your screen stays on and you will hear a chime at each change.';
    document.addEventListener('visibilitychange', () => {
      if (document.visibilityState === 'visible') navigator.wakeLock.request('screen').catch(() => {});
    });
  } catch (error) {
    $('wake-note').textContent = `The screen may still lock (${error.message}); the page catches up when you unlock it.`;
  }
});

// The itinerary as a calendar file: fetched with the token in a header (a token in a URL ends up in logs), then saved.
$('calendar').addEventListener('click', async () => {
  sayIn($('calendar-note'), 'Preparing the calendar file…');
  try {
    const response = await fetch('/api/me/calendar.ics?rounds=true', { headers: { 'X-Person-Token': token ?? '' } });
    if (!response.ok) {
      sayIn($('calendar-note'), problemText(await response.json().catch(() => ({})), 'No calendar file'), true);
      return;
    }
    const link = el('a', null, { href: URL.createObjectURL(await response.blob()), download: 'flash-mentoring.ics' });
    link.click();
    URL.revokeObjectURL(link.href);
    sayIn($('calendar-note'), 'Downloaded: open flash-mentoring.ics to add the event and its rounds to your calendar.');
  } catch {
    sayIn($('calendar-note'), 'No connection: the calendar file was not downloaded. Try again when the Wi-Fi is back.', true);
  }
});

// ---- Online rooms: the video room to open each round, the warnings before a move, presence. ----

function renderRoom(row, round) {
  const online = me.attends === 'online';
  const finished = clock && clock.phase === 'finished';
  const seated = online && !finished && row && row.table != null;
  const inRound = clock && clock.phase === 'round';
  if (roomNotice && roomNotice.round !== round) roomNotice = null;
  $('room').hidden = !seated;
  $('room-more').hidden = !seated;
  if (!seated) return;

  const link = $('room-link');
  link.hidden = !row.room;
  $('room-none').hidden = !!row.room;
  if (row.room) {
    link.href = row.room;
    link.replaceChildren(me.role === 'mentor' ? `Open your room (Table ${row.table})` : `Join Table ${row.table}'s room`, el('span', ' (opens in a new tab)', { class: 'visually-hidden' }));
  } else {
    link.removeAttribute('href');
    // Online, there is no desk to walk to: they write.
    $('room-none').textContent = me.role === 'mentor'
      ? `Your room (Table ${row.table}) has no link yet. Tell the host by e-mail or chat.`
      : `Table ${row.table}'s room has no link yet. Tell your mentor or the host by e-mail or chat.`;
  }
  setText($('room-notice'), roomNotice ? roomNotice.text : '');

  // "I'm in the room" counts for the round under way, once.
  const said = inRound && (me.inRoomRound === clock.round || inRoomQueued === clock.round);
  $('in-room').hidden = preview || !inRound || said;
  if (said) sayNew($('in-room-status'), me.inRoomRound === clock.round ? 'Thanks, the host sees you\'re here.' : 'Saved on this device: the host hears it when the connection is back.');
  else if (!inRound || !$('in-room-status').classList.contains('error')) sayNew($('in-room-status'), '');

  const mentor = me.role === 'mentor';
  $('coming-box').hidden = !mentor || !row.with.length;
  if (mentor) {
    $('coming').replaceChildren(...row.with.map((name, k) => comingItem(name, row.withIds ? row.withIds[k] : null, inRound ? clock.round : 0)));
  }
}

// A polite live region is read out at every write, and the view renders at every clock push: write what is new only.
function sayNew(node, text) {
  if (node.textContent !== text || node.classList.contains('error')) sayIn(node, text);
}

// A mentee coming to this mentor's room; during the round, "Not here?" tells the host they have not come.
function comingItem(name, id, round) {
  const item = el('li');
  item.append(el('span', name, { class: 'coming-name' }));
  if (!round || !id || preview) return item;
  if (reported.has(`${round}:${id}`)) {
    item.append(el('span', 'Reported to the host', { class: 'reported' }));
    return item;
  }
  const button = el('button', 'Not here?', { type: 'button', class: 'small secondary' });
  button.append(el('span', ` (${name})`, { class: 'visually-hidden' }));
  button.addEventListener('click', () => reportMissing(id, name, round));
  item.append(button);
  return item;
}

async function reportMissing(id, name, round) {
  if (!window.confirm(`Tell the host that ${name} has not come to your room?`)) return;
  const result = await send('/api/me/missing', { personId: id, round }, token);
  if (result.refused.length) {
    sayIn($('missing-status'), `Not sent: ${problemText(result.refused[0], 'try again')}`, true);
  } else {
    reported.add(`${round}:${id}`);
    sayIn($('missing-status'), result.pending ? `Saved on this device: the host hears that ${name} is missing when the connection is back.` : `Told the host: ${name} has not come to your room.`);
  }
  render();
}

$('in-room').addEventListener('click', async () => {
  const round = clock.round;
  $('in-room').disabled = true;
  const result = await send('/api/me/in-room', { round }, token);
  $('in-room').disabled = false;
  if (result.refused.length) sayIn($('in-room-status'), `Not sent: ${problemText(result.refused[0], 'try again')}`, true);
  else if (result.pending) inRoomQueued = round;
  else me.inRoomRound = round;
  render();
});

// The host replaced a table's room (a broken link): the new one at once, and a word that it changed.
function roomChanged(table, link) {
  if (!me || me.attends !== 'online') return;
  for (const r of me.rounds) if (r.table === table) r.room = link;
  // A word only when the room is this round's or the next; rooms further ahead change quietly.
  const round = seatingRound(clock);
  const here = me.rounds.find((r) => r.round === round);
  const next = me.rounds.find((r) => r.round === round + 1);
  if (here && here.table === table) roomNotice = { round, text: 'The room link changed. Use the button above.' };
  else if (next && next.table === table) roomNotice = { round, text: `The link of Table ${table}'s room changed.` };
  render();
}

// Shown (and, being a polite live region, read out) once when it changes: a minute before the end, and at the move.
function drawRoomWarning(ms) {
  if (!me || me.attends !== 'online' || $('room').hidden || !clock) return;
  const text = roomWarning(ms);
  const was = $('room-warning').textContent;
  setText($('room-warning'), text);
  if (text && text !== was && clock.phase === 'round' && navigator.vibrate) navigator.vibrate(200);
}

function roomWarning(ms) {
  const mentor = me.role === 'mentor';
  if (clock.phase === 'transition' && clock.round < clock.rounds) {
    const row = me.rounds.find((r) => r.round === clock.round + 1);
    if (!row || row.table == null) return '';
    return mentor ? `Stay in your room: round ${row.round} starts there.` : `Move to Table ${row.table}'s room now`;
  }
  if (clock.phase !== 'round' || ms == null || ms > 60000) return '';
  const next = me.rounds.find((r) => r.round === clock.round + 1);
  if (ms === 0 && next && next.table != null && !mentor) return `Move to Table ${next.table}'s room now`;
  if (!next) return '1 minute left. This is the last round.';
  if (next.table == null) return '1 minute left. Next: a break.';
  return mentor ? '1 minute left. Your room stays the same.' : `1 minute left. Next: Table ${next.table}'s room`;
}

// When round n starts, from the clock's end of this round (or the event's start before the first): extensions the host
// makes later move it, and the phone shows the new time then.
function roundStartsAt(n) {
  const step = (me.roundMinutes + me.transitionMinutes) * 60000;
  if (!clock || clock.phase === 'waiting') return Date.parse(me.startsAt) + (n - 1) * step;
  if (clock.endsAtMs == null) return null;
  if (clock.phase === 'round') return clock.endsAtMs + me.transitionMinutes * 60000 + (n - clock.round - 1) * step;
  if (clock.phase === 'transition') return clock.endsAtMs + (n - clock.round - 1) * step;
  return null;
}

// "10:40 AM" in the device's own time zone, with the zone's short name ("10:40 AM MT") when it is not the event's.
function clockTime(ms) {
  const at = new Date(ms);
  const text = at.toLocaleTimeString([], { hour: 'numeric', minute: '2-digit' });
  return -at.getTimezoneOffset() === eventOffsetMinutes() ? text : `${text} ${zoneName(at)}`.trim();
}

// The event's UTC offset, from its start as the host set it ("2026-12-01T09:00:00-05:00").
function eventOffsetMinutes() {
  const m = /([+-])(\d{2}):(\d{2})$/.exec(me.startsAt);
  return m ? (m[1] === '-' ? -1 : 1) * (Number(m[2]) * 60 + Number(m[3])) : 0;
}

function zoneName(at) {
  for (const timeZoneName of ['shortGeneric', 'short']) {
    try {
      const part = new Intl.DateTimeFormat([], { timeZoneName }).formatToParts(at).find((p) => p.type === 'timeZoneName');
      if (part) return part.value;
    } catch {
      // An older browser without "shortGeneric": try the next.
    }
  }
  return '';
}
