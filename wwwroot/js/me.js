// The phone view: which table now, with whom, how long is left, where next. It restores from the personal
// link (token in the fragment, also kept on this device), survives reloads, locked screens and flaky Wi-Fi.
import { chime, connectionBanner, connectLive, everyFrame, formatRemaining, phaseTitle, remainingMs, seatingRound, speakRemaining } from './live.js';
import { $, el, problemText, sayIn, setText } from './dom.js';

// The host's console opens someone's view as a preview: shown, but neither kept here nor claimed for this device.
const preview = new URLSearchParams(location.hash.slice(1)).has('preview');
const token = readToken();
let me = null;
let clock = null;
let live = null;
let audio = null;
let lastSpoken = '';

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
  if (next) {
    $('next').textContent = next.table == null ? `Round ${next.round}: a break` : `Round ${next.round}: Table ${next.table} - ${me.role === 'mentor' ? next.summary : next.mentor}`;
  }

  $('itinerary').replaceChildren(...me.rounds.map((r) => {
    const item = el('li', r.table == null ? `${r.label}: break` : `${r.label}: Table ${r.table} - ${me.role === 'mentor' ? `${r.summary}: ${r.with.join(', ')}` : r.mentor}`);
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
  setText($('countdown'), text);
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
