// The helper page at the door: the check-in list and the walk-in form, with the round clock's phase. The helper key
// (from the link's fragment, then kept on this phone) opens check-in and walk-ins only; the server refuses the rest.
import { connectionBanner, connectLive, countdownText, everyFrame, phaseTitle } from './live.js';
import { $, problemText, sayIn, setText } from './dom.js';
import { eventApi, eventId, linkKey } from './event-api.js';
import { t } from './i18n.js';
import { applyLimits } from './limits.js';
import { mountCheckIn } from './checkin.js';

const key = linkKey(`flashmentoring.helper-key.${eventId}`);
let clock = null;
let live = null;

function say(text, isError = false) { sayIn($('status'), text, isError); }

const api = eventApi({ 'X-Helper-Key': key ?? '' }, (answer) => { if (answer.status === 403) stopped(answer.body); });

// The host made a new link or stopped this one: the list goes, and the page says what to do.
function stopped(problem) {
  $('people-card').hidden = true;
  say(problemText(problem, t('help.stopped')), true);
}

const checkIn = mountCheckIn({ eventId, api, headers: () => ({ 'X-Helper-Key': key ?? '' }), say });

function setClock(view) {
  clock = view;
  $('phase').textContent = phaseTitle(view);
  draw();
}

/** Where the event stands, in the board's words (the helper at the door and the room read the same thing). */
function draw() {
  if (clock && live) setText($('countdown'), countdownText(clock, live.serverNow()));
}

async function load() {
  const event = await fetch(`/api/events/${eventId}/`).then((r) => (r.ok ? r.json() : null)).catch(() => null);
  if (!event) {
    say(t('help.noEvent'), true);
    $('people-card').hidden = true;
    return;
  }
  document.title = t('help.eventTitle', { title: event.title });
  $('title').textContent = event.title;
  const people = await checkIn.load();
  if ($('people-card').hidden) return;
  if (people.length === 0) say(t('help.nobody'));
  live = connectLive({
    join: (connection) => connection.invoke('Join', eventId),
    onSnapshot: setClock,
    handlers: { ...checkIn.handlers, Clock: setClock, PlanChanged: () => { checkIn.load(); } },
    onDeleted: () => {
      say(t('help.deleted'), true);
      $('people-card').hidden = true;
    },
    onState: connectionBanner($('connection'), { default: t('help.reconnecting') }),
  });
  everyFrame(draw);
}

applyLimits();
if (key) load();
else say(t('help.noKey'), true);
