// The helper page at the door: the check-in list and the walk-in form, with the round clock's phase. The helper key
// (from the link's fragment, then kept on this phone) opens check-in and walk-ins only; the server refuses the rest.
import { connectionBanner, connectLive, countdownText, everyFrame, phaseTitle } from './live.js';
import { $, problemText, sayIn, setText } from './dom.js';
import { applyLimits } from './limits.js';
import { mountCheckIn } from './checkin.js';

const eventId = location.pathname.split('/').filter(Boolean)[1];
const key = helperKey();
let clock = null;
let live = null;

function helperKey() {
  const stored = `flashmentoring.helper-key.${eventId}`;
  const fromLink = new URLSearchParams(location.hash.slice(1)).get('key');
  if (fromLink) localStorage.setItem(stored, fromLink);
  return fromLink ?? localStorage.getItem(stored);
}

function say(text, isError = false) { sayIn($('status'), text, isError); }

async function api(path, options = {}) {
  const response = await fetch(`/api/events/${eventId}${path}`, { ...options, headers: { 'X-Helper-Key': key ?? '', ...(options.headers ?? {}) } });
  const body = await response.json().catch(() => ({}));
  if (response.status === 403) stopped(body);
  return { ok: response.ok, status: response.status, body };
}

// The host made a new link or stopped this one: the list goes, and the page says what to do.
function stopped(problem) {
  $('people-card').hidden = true;
  say(problemText(problem, 'This helper link no longer works'), true);
}

const checkIn = mountCheckIn({ eventId, api, headers: () => ({ 'X-Helper-Key': key ?? '' }), say });

function setClock(view) {
  clock = view;
  $('phase').textContent = phaseTitle(view);
  draw();
}

function draw() {
  if (clock && live) setText($('countdown'), countdownText(clock, live.serverNow()));
}

async function load() {
  const event = await fetch(`/api/events/${eventId}/`).then((r) => (r.ok ? r.json() : null)).catch(() => null);
  if (!event) {
    say('No such event. Check the helper link the host gave you.', true);
    $('people-card').hidden = true;
    return;
  }
  document.title = `${event.title} - check-in`;
  $('title').textContent = event.title;
  const people = await checkIn.load();
  if ($('people-card').hidden) return;
  if (people.length === 0) say('Nobody is on the list yet: the host has not uploaded the roster.');
  live = connectLive({
    join: (connection) => connection.invoke('Join', eventId),
    onSnapshot: setClock,
    handlers: { ...checkIn.handlers, Clock: setClock, PlanChanged: () => { checkIn.load(); } },
    onDeleted: () => {
      say('This event was deleted by its host.', true);
      $('people-card').hidden = true;
    },
    onState: connectionBanner($('connection'), { default: 'Reconnecting to the server…' }),
  });
  everyFrame(draw);
}

applyLimits();
if (key) load();
else say('No helper key. Open the helper link the host gave you, with everything after the # sign.', true);
