// The host console: roster and plan, join link and QR, the room's controls, check-in. Only the host link
// (its key lives in the URL fragment and on this laptop) can change anything.
import { connectionBanner, connectLive, countdownText, everyFrame, phaseTitle } from './live.js';
import { $, el, problemText, sayIn, setText } from './dom.js';
import { eventApi, eventId, hostKey } from './event-api.js';
import { format, lang, languages, plural, t } from './i18n.js';
import { applyLimits } from './limits.js';
import { csvBody, rosterSource } from './upload.js';
import { showGrid, showProblems, showQuality } from './plan-view.js';
import { partChoices, runKitJob } from './kit-job.js';
import { showReport } from './report-view.js';
import { adjustClock, mountAdjust, selectSeat, showAdjust } from './host-adjust.js';
import { mountCheckIn } from './checkin.js';
import { mountVideoRooms } from './host-rooms.js';
import { mountHistory } from './host-history.js';

const key = hostKey();
const api = eventApi({ 'X-Host-Key': key ?? '' });
const status = $('status');
let clock = null;
let live = null;
let eventView = null;
let hasPlan = false;
// The server's retention numbers (GET /api/retention), for the sentence under "Personal data".
const retention = fetch('/api/retention').then((r) => (r.ok ? r.json() : {})).catch(() => ({}));

function say(text, isError = false) { sayIn(status, text, isError); }

$('registration-page').href = `/host/${eventId}/registration`;
for (const id of ['online-page', 'online-page-live']) $(id).href = `/host/${eventId}/online`;
const checkIn = mountCheckIn({ eventId, api, headers: () => ({ 'X-Host-Key': key ?? '' }), say, onChanged: () => loadPlan(), host: true });
const videoRooms = mountVideoRooms({ api, say, now: () => (live ? live.serverNow() : Date.now()) });

async function load() {
  const [event, firstClock] = await Promise.all([api('/host'), api('/clock')]);
  if (!event.ok) {
    if (event.status === 404) showDeleted();
    else showGone(t('host.gone.needsKey'), event.status === 403 ? t('host.gone.needsKeyText') : problemText(event.body, t('host.gone.notLoaded')));
    return;
  }
  const e = event.body;
  eventView = e;
  hasPlan = e.hasPlan;
  if (firstClock.ok) setClock(firstClock.body);
  document.title = t('host.titleOf', { title: e.title });
  $('title').textContent = e.title;
  $('when').textContent = t('host.when', {
    date: format.date(e.startsAt, { year: 'numeric' }),
    time: format.time(e.startsAt),
    rounds: plural('common.rounds', e.rounds),
    minutes: format.number(e.roundMinutes),
    move: format.number(e.transitionMinutes),
    seats: format.number(e.seatsPerTable),
  });
  showLanguage(e.language);
  await Promise.all([loadJoin(), e.hasPlan ? loadPlan() : noPlanYet(), checkIn.load(), earlier.load()]);
  live = connectLive({
    // The host's own join also hears what only the host may (answers coming in, for the report).
    join: (connection) => connection.invoke('JoinHost', eventId, key ?? ''),
    onSnapshot: setClock,
    // Handlers must return nothing: SignalR would take a returned promise for a result the server never asked for.
    handlers: { ...checkIn.handlers, ...videoRooms.handlers, Clock: setClock, PlanChanged: () => { loadPlan(); checkIn.load(); }, FeedbackChanged: () => { reportSoon(); } },
    onState: connectionBanner($('connection'), { default: t('host.reconnecting') }),
    onDeleted: () => { showDeleted(); },
  });
  everyFrame(draw);
}

// The page of an event that is gone (or of a link that is not the host's): the reason, and no control left to press.
function showGone(title, text) {
  live?.stop();
  live = null;
  clock = null;
  document.body.dataset.stage = 'gone';
  for (const id of ['phase', 'countdown', 'when']) $(id).textContent = '';
  $('connection').hidden = true;
  $('stage-links').replaceChildren();
  // Nothing is left to press, not even the language switch: the page has nothing more to say.
  for (const node of document.querySelectorAll('[data-language-switch]')) node.remove();
  const card = el('section', null, { class: 'card', 'aria-labelledby': 'gone-title' });
  const heading = el('h2', title, { id: 'gone-title', tabindex: '-1' });
  const next = el('p');
  next.append(el('a', t('host.gone.create'), { href: '/' }));
  card.append(heading, el('p', text), next);
  document.querySelector('main').replaceChildren(card);
  heading.focus();
}

function showDeleted() {
  localStorage.removeItem(`flashmentoring.host.${eventId}`);
  document.title = t('host.deleted.pageTitle');
  showGone(t('host.deleted.title'), t('host.deleted.text'));
}

async function loadJoin() {
  const join = await api('/join');
  if (!join.ok) return;
  $('join-code').textContent = join.body.joinCode;
  $('join-link').textContent = join.body.joinUrl;
  $('join-link').href = join.body.joinUrl;
  $('join-qr').src = `/api/events/${eventId}/join-qr.svg`;
  $('lan-warning').hidden = join.body.reachableFromLan;
  // The command names the port this page came from: the one the app really listens on.
  const port = location.port || (location.protocol === 'https:' ? '443' : '80');
  $('lan-command').textContent = `--urls ${location.protocol}//0.0.0.0:${port}`;
  boardLink();
}

// The board opens in the event's language (the projector's browser may speak another), which the host picks here.
function boardLink() {
  $('board-link').href = `/board/${eventId}?lang=${encodeURIComponent(eventView?.language ?? lang)}`;
}

function showLanguage(code) {
  const select = $('event-language');
  if (!select.options.length) {
    // Each language named in itself, and marked so a screen reader says "Español" the Spanish way.
    select.replaceChildren(...languages.map((l) => el('option', l.name, { value: l.code, lang: l.code })));
  }
  select.value = code;
  boardLink();
}

$('event-language').addEventListener('change', async () => {
  const select = $('event-language');
  const wanted = select.value;
  const answer = await api('/language', { method: 'PUT', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ language: wanted }) });
  const name = languages.find((l) => l.code === wanted)?.name ?? wanted;
  if (!answer.ok) {
    sayIn($('event-language-status'), problemText(answer.body, t('host.language.notChanged')), true);
    if (eventView) select.value = eventView.language;
    return;
  }
  eventView = answer.body;
  showLanguage(eventView.language);
  sayIn($('event-language-status'), t('host.language.changed', { language: name }));
});

// When the personal data goes, in the host's words. The date moves when the event starts and again when it ends, so
// the view is read again when the clock crosses either.
const stage = (phase) => (phase === 'waiting' ? 'draft' : phase === 'finished' ? 'ended' : 'running');
// What the console shows: before the start, while the rounds run, after the end (CSS shows each card's data-stages).
const consoleStage = (phase) => (phase === 'waiting' ? 'before' : phase === 'finished' ? 'after' : 'live');

async function showRetention() {
  if (!eventView) return;
  const days = await retention;
  const date = format.date(eventView.personalDataKeptUntil, { weekday: undefined, year: 'numeric' });
  const draft = days.draftDays ? plural('host.retention.draft', days.draftDays, { date }) : t('host.retention.draftOn', { date });
  const after = days.afterEndDays;
  const text = {
    draft: after ? `${draft} ${plural('host.retention.keptAfterRun', after)}` : draft,
    running: after ? plural('host.retention.running', after, { date }) : t('host.retention.runningOn', { date }),
    ended: `${after ? plural('host.retention.ended', after, { date }) : t('host.retention.endedOn', { date })} ${t('host.retention.export')}`,
  };
  $('retention').textContent = text[stage(clock?.phase ?? 'waiting')];
}

async function reloadView() {
  const event = await api('/host');
  if (!event.ok) return;
  eventView = event.body;
  showRetention();
}

function noPlanYet() {
  hasPlan = false;
  say(t('host.roster.next'));
  if (clock) setClock(clock);
}

async function loadPlan() {
  const plan = await api('/plan');
  if (!plan.ok) {
    noPlanYet();
    return;
  }
  showPlan(plan.body);
}

function showPlan(plan) {
  showProblems(plan.rejected, plan.warnings);
  showQuality(plan.quality, plan.notes, plan.summary);
  showGrid(plan.rounds, selectSeat);
  $('kit-form').hidden = false;
  if (!hasPlan) {
    hasPlan = true;
    if (clock) setClock(clock);
  }
  return showAdjust(plan);
}

mountAdjust({ api, say, showPlan, eventId, headers: () => ({ 'X-Host-Key': key ?? '' }) });
// A change of the earlier events re-plans: the console shows the new plan as after a pin.
const earlier = mountHistory({ api, eventId, download, onChanged: () => loadPlan() });

function setClock(view) {
  const before = clock ? stage(clock.phase) : null;
  clock = view;
  if (before === null) showRetention();
  else if (before !== stage(view.phase)) reloadView();
  document.body.dataset.phase = view.phase;
  setStage(consoleStage(view.phase));
  $('phase').textContent = phaseTitle(view);
  const running = view.phase === 'round' || view.phase === 'transition';
  const moving = (eventView?.transitionMinutes ?? 1) > 0;
  // Shown: what makes sense in this phase; disabled: what waits for something (Start for a roster).
  const show = {
    start: view.phase === 'waiting',
    pause: running,
    resume: view.phase === 'paused',
    extend: running || view.phase === 'paused',
    skip: running || view.phase === 'paused',
    'skip-change': moving && running && view.round < view.rounds,
    end: view.phase !== 'waiting' && view.phase !== 'finished',
  };
  for (const button of document.querySelectorAll('[data-command]')) {
    button.hidden = !show[button.dataset.command];
    button.disabled = button.dataset.command === 'start' && !hasPlan;
  }
  $('controls-note').textContent = view.phase === 'waiting'
    ? (hasPlan ? t('host.controls.noteStart') : t('host.controls.noteNoRoster'))
    : view.phase === 'round' && view.round >= view.rounds ? t('host.controls.noteLast')
      : view.phase === 'round' && moving ? plural('host.controls.noteMove', eventView?.transitionMinutes ?? 1) : '';
  $('upload').disabled = view.phase !== 'waiting';
  adjustClock(view);
  videoRooms.clock(view);
  draw();
}

function draw() {
  const now = live ? live.serverNow() : Date.now();
  if (clock && live) setText($('countdown'), countdownText(clock, now));
  const starts = startsText(now);
  setText($('starts'), starts);
  $('starts').hidden = !starts;
}

// How far off the planned start is, while the room waits (from then on the clock says more): "Starts in 2 hours.",
// "Was due to start 5 minutes ago." On the server's clock once the connection knows it: a laptop's may be off.
function startsText(nowMs) {
  if (!eventView || clock?.phase !== 'waiting') return '';
  const ms = new Date(eventView.startsAt).getTime() - nowMs;
  // Rounded as the words are, so half a second late still reads "Starts now", not "Was due to start now".
  return t(Math.round(ms / 1000) >= 0 ? 'host.startsIn' : 'host.dueSince', { when: format.relative(ms) });
}

/** Where the round stands, in the host's language: "Round 3 of 6". */
/** What +1 minute did: "+1 minute: done; round 2 now ends at 9:47:30." */
function extendedText(command, view) {
  const move = view.phase === 'transition';
  if (view.endsAtMs) {
    const time = format.time(view.endsAtMs, { second: '2-digit' });
    return move ? t('host.done.extendMove', { command, time }) : t('host.done.extendRound', { command, n: view.round, time });
  }
  const minutes = Math.round(view.remainingMs / 60000);
  return move ? plural('host.done.extendMovePaused', minutes, { command }) : plural('host.done.extendRoundPaused', minutes, { command, round: view.round });
}

for (const button of document.querySelectorAll('[data-command]')) {
  button.addEventListener('click', async () => {
    const command = button.dataset.command;
    const ends = command === 'end' || (command === 'skip' && clock.round >= clock.rounds && clock.phase !== 'transition');
    if (ends && !confirm(t('host.controls.confirmEnd'))) return;
    // Skip names the round we see and +1 minute the clock we see, so a second click (or host) acting on the same
    // screen cannot skip two rounds or add the minute twice. Next round goes through the change of tables unless
    // the host picked "Skip the change of tables".
    const skip = command === 'skip' || command === 'skip-change';
    const body = skip ? { expectedRound: clock.round, expectedVersion: clock.version, skipChange: command === 'skip-change' } : command === 'extend' ? { expectedVersion: clock.version } : {};
    const answer = await api(`/clock/${skip ? 'skip' : command}`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body) });
    if (answer.status === 404) {
      await goneIfDeleted();
      return;
    }
    if (!answer.ok) {
      say(problemText(answer.body, t('host.notDone')), true);
      // Refused because the clock moved on: show it as it is now, so the next click acts on what the host sees.
      if (answer.status === 409) {
        const now = await api('/clock');
        if (now.ok) setClock(now.body);
      }
      return;
    }
    say(command === 'extend' ? extendedText(button.textContent, answer.body)
      : skip ? t('host.done.skip', { command: button.textContent, phase: phaseTitle(answer.body) }) : t('host.done.plain', { command: button.textContent }));
    setClock(answer.body);
    keepFocus(button);
  });
}

// A command can hide or disable the button just pressed (Start, Pause, End): focus then moves to the control that
// comes next, not to the page, so a keyboard or screen reader user stays in the controls.
function keepFocus(pressed) {
  if (!pressed.hidden && !pressed.disabled && pressed.checkVisibility()) return;
  const next = [...document.querySelectorAll('[data-command]')].find((b) => !b.hidden && !b.disabled && b.checkVisibility());
  (next ?? $('report-card')).focus();
}

async function goneIfDeleted() {
  const event = await api('/host');
  if (event.status === 404) showDeleted();
  else say(t('host.notDoneReload'), true);
}

// The cards of this stage, as links at the top: the grid or the report is one click away, however long the check-in.
function setStage(next) {
  if (document.body.dataset.stage === next || document.body.dataset.stage === 'gone') return;
  document.body.dataset.stage = next;
  showStageLinks();
  if (next !== 'before') reportSoon(0);
}

function showStageLinks() {
  if (document.body.dataset.stage === 'gone') return;
  const cards = [...document.querySelectorAll('main > .card[id]')].filter((card) => card.id !== 'status' && card.checkVisibility());
  $('stage-links').replaceChildren(...cards.map((card) => {
    const item = el('li');
    item.append(el('a', card.querySelector('h2')?.textContent ?? card.id, { href: `#${card.id}` }));
    return item;
  }));
}

// Cards come and go (a plan arrives, a list empties): the links follow.
for (const card of document.querySelectorAll('main > .card[id]')) new MutationObserver(showStageLinks).observe(card, { attributes: true, attributeFilter: ['hidden'] });

const roster = rosterSource($('file'), $('csv'), $('file-note'));

async function loadReport() {
  const answer = await api('/report');
  if (!answer.ok) {
    say(problemText(answer.body, t('host.noReport')), true);
    return;
  }
  showReport($('report'), answer.body);
}

// Answers arrive in bursts (a room rating its round): one reload for the lot, and none before the start.
let reportTimer = null;
function reportSoon(delayMs = 500) {
  clearTimeout(reportTimer);
  reportTimer = setTimeout(() => {
    if (document.body.dataset.stage === 'live' || document.body.dataset.stage === 'after') loadReport();
  }, delayMs);
}

async function download(path, name) {
  const response = await fetch(`/api/events/${eventId}${path}`, { headers: { 'X-Host-Key': key ?? '' } });
  if (!response.ok) {
    say(t('host.exportFailed'), true);
    return;
  }
  const link = el('a', null, { href: URL.createObjectURL(await response.blob()), download: name });
  link.click();
  URL.revokeObjectURL(link.href);
}

$('report-refresh').addEventListener('click', loadReport);
$('export-ratings').addEventListener('click', () => download('/exports/ratings.csv', 'ratings.csv'));
$('export-pairs').addEventListener('click', () => download('/exports/pairs.csv', 'pairs.csv'));
$('export-pdf').addEventListener('click', () => download('/report.pdf', 'evaluation.pdf'));
$('export-meetings').addEventListener('click', () => earlier.download());
$('export-roster').addEventListener('click', () => download('/roster.csv', 'roster.csv'));
$('pairs-confirm').addEventListener('click', async () => {
  const answer = await api('/pairs/confirm', { method: 'POST' });
  if (!answer.ok) {
    say(problemText(answer.body, t('host.notConfirmed')), true);
    return;
  }
  showReport($('report'), answer.body);
  say(plural('host.pairsConfirmed', answer.body.mutual.filter((p) => p.confirmed).length));
});
$('delete-event').addEventListener('click', async () => {
  if (!confirm(t('host.data.confirmDelete'))) return;
  const answer = await api('/', { method: 'DELETE' });
  if (answer.status === 204) {
    showDeleted();
    return;
  }
  say(problemText(answer.body, t('host.data.notDeleted')), true);
});

const kitParts = partChoices($('kit-parts'), false);
$('kit-form').addEventListener('submit', (event) => {
  event.preventDefault();
  const query = new URLSearchParams({ paper: $('kit-paper').value, parts: kitParts() });
  const headers = { 'X-Host-Key': key ?? '' };
  runKitJob(() => fetch(`/api/events/${eventId}/kit-jobs?${query}`, { method: 'POST', headers }),
    { progress: $('kit-progress'), status: $('kit-status'), link: $('kit-link') }, headers);
});

$('roster-form').addEventListener('submit', async (event) => {
  event.preventDefault();
  const body = roster();
  if (!body) {
    say(t('host.roster.chooseFirst'), true);
    return;
  }
  $('upload').disabled = true;
  say(t('host.roster.planning'));
  try {
    const answer = await api('/roster', { method: 'PUT', ...csvBody(body) });
    if (!answer.ok) {
      showProblems(answer.body.rejected ?? [], answer.body.warnings ?? []);
      say(problemText(answer.body, t('host.roster.notPlanned')), true);
      return;
    }
    showPlan(answer.body);
    const people = await checkIn.load();
    const planned = t('host.roster.planned', { rounds: plural('common.rounds', answer.body.rounds.length), people: plural('host.people', people.length) });
    say(answer.body.rejected.length ? `${planned} ${plural('host.roster.linesToFix', answer.body.rejected.length)}` : planned);
    const first = $(answer.body.rejected.length ? 'problems' : 'quality');
    first.focus();
  } catch (error) {
    say(t('host.unreachable', { error: error.message }), true);
  } finally {
    $('upload').disabled = clock ? clock.phase !== 'waiting' : false;
  }
});

applyLimits();
load();
