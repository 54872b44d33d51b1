// The host console: roster and plan, join link and QR, the room's controls, check-in. Only the host link
// (its key lives in the URL fragment and on this laptop) can change anything.
import { connectionBanner, connectLive, countdownText, everyFrame, phaseTitle } from './live.js';
import { $, el, problemText, sayIn, setText } from './dom.js';
import { applyLimits } from './limits.js';
import { csvBody, rosterSource } from './upload.js';
import { showGrid, showProblems, showQuality } from './plan-view.js';
import { partChoices, runKitJob } from './kit-job.js';
import { showReport } from './report-view.js';
import { mountCheckIn } from './checkin.js';

const eventId = location.pathname.split('/').filter(Boolean)[1];
const key = hostKey();
const status = $('status');
let clock = null;
let live = null;
let eventView = null;
// The server's retention numbers (GET /api/retention), for the sentence under "Personal data".
const retention = fetch('/api/retention').then((r) => (r.ok ? r.json() : {})).catch(() => ({}));

function hostKey() {
  const stored = `flashmentoring.host.${eventId}`;
  const fromLink = new URLSearchParams(location.hash.slice(1)).get('key');
  if (fromLink) localStorage.setItem(stored, fromLink);
  return fromLink ?? localStorage.getItem(stored);
}

function say(text, isError = false) { sayIn(status, text, isError); }

async function api(path, options = {}) {
  const response = await fetch(`/api/events/${eventId}${path}`, { ...options, headers: { 'X-Host-Key': key ?? '', ...(options.headers ?? {}) } });
  const body = await response.json().catch(() => ({}));
  return { ok: response.ok, status: response.status, body };
}

const checkIn = mountCheckIn({ eventId, api, headers: () => ({ 'X-Host-Key': key ?? '' }), say, onChanged: () => loadPlan(), host: true });

async function load() {
  const event = await api('/host');
  if (!event.ok) {
    say(event.status === 403 ? 'This page needs the host link you got when you created the event.' : problemText(event.body, 'No such event'), true);
    return;
  }
  const e = event.body;
  eventView = e;
  showRetention();
  document.title = `${e.title} - host console`;
  $('title').textContent = e.title;
  $('when').textContent = `${new Date(e.startsAt).toLocaleString([], { dateStyle: 'full', timeStyle: 'short' })} - ${e.rounds} rounds of ${e.roundMinutes} min, ${e.transitionMinutes} min to move, ${e.seatsPerTable} per table`;
  await Promise.all([loadJoin(), e.hasPlan ? loadPlan() : noPlanYet(), checkIn.load()]);
  live = connectLive({
    join: (connection) => connection.invoke('Join', eventId),
    onSnapshot: setClock,
    // Handlers must return nothing: SignalR would take a returned promise for a result the server never asked for.
    handlers: { ...checkIn.handlers, Clock: setClock, PlanChanged: () => { loadPlan(); checkIn.load(); } },
    onState: connectionBanner($('connection'), { default: 'Reconnecting to the server… the clock keeps running there.' }),
  });
  everyFrame(draw);
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
  $('board-link').href = `/board/${eventId}`;
}

// When the personal data goes, in the host's words. The date moves when the event starts and again when it ends, so
// the view is read again when the clock crosses either.
const stage = (phase) => (phase === 'waiting' ? 'draft' : phase === 'finished' ? 'ended' : 'running');

async function showRetention() {
  if (!eventView) return;
  const days = await retention;
  const date = new Date(eventView.personalDataKeptUntil).toLocaleDateString([], { dateStyle: 'long' });
  const text = {
    draft: `If the event never starts, its roster and personal links are deleted automatically on ${date}` +
      (days.draftDays ? `, ${days.draftDays} days after its date.` : '.') +
      (days.afterEndDays ? ` Once it runs, everything is kept until ${days.afterEndDays} days after it ends.` : ''),
    running: `The roster, personal links and answers are deleted automatically` +
      (days.afterEndDays ? ` ${days.afterEndDays} days after the event ends:` : '') + ` on ${date} if it ends as scheduled.`,
    ended: `The roster, personal links, ratings, notes, choices and pairs are deleted automatically on ${date}` +
      (days.afterEndDays ? `, ${days.afterEndDays} days after the event ended.` : '.') + ' Export what you need before then.',
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
  say('Next: upload the roster. The rotation appears here at once.');
}

async function loadPlan() {
  const plan = await api('/plan');
  if (!plan.ok) {
    noPlanYet();
    return;
  }
  showPlan(plan.body);
}

let selected = null;

function showPlan(plan) {
  showProblems(plan.rejected, plan.warnings);
  showQuality(plan.quality, plan.notes);
  showGrid(plan.rounds, selectSeat);
  $('adjust-card').hidden = false;
  $('kit-form').hidden = false;
  $('report-card').hidden = false;
  const pairs = [...plan.pins.map((p) => ({ ...p, kind: 'pinned' })), ...plan.forbids.map((p) => ({ ...p, kind: 'forbidden' }))];
  $('constraints').replaceChildren(...pairs.map((p) => {
    const item = el('li', `${p.mentee} and ${p.mentor}: ${p.kind} `);
    const clear = el('button', 'Clear', { type: 'button', class: 'small', 'aria-label': `Clear: ${p.mentee} and ${p.mentor}` });
    clear.addEventListener('click', () => adjust('clear', p.menteeKey, p.mentorKey));
    item.append(clear);
    return item;
  }));
}

function selectSeat(mentee, mentor, round, table) {
  selected = { mentee, mentor };
  $('adjust-seat').hidden = false;
  $('adjust-what').textContent = `${mentee.name} sits with ${mentor.name} at Table ${table} in round ${round}.`;
  $('pin').focus();
}

async function adjust(kind, menteeKey, mentorKey) {
  say('Re-planning…');
  const answer = await api('/constraints', { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ kind, mentee: menteeKey, mentor: mentorKey }) });
  if (!answer.ok) {
    say(problemText(answer.body, 'Not adjusted'), true);
    return;
  }
  showPlan(answer.body);
  $('adjust-seat').hidden = true;
  say(kind === 'clear' ? 'Cleared; the plan is re-made.' : `Done: the plan now ${kind === 'pin' ? 'seats this pair together' : 'keeps this pair apart'}.`);
}

$('pin').addEventListener('click', () => selected && adjust('pin', selected.mentee.key, selected.mentor.key));
$('forbid').addEventListener('click', () => selected && adjust('forbid', selected.mentee.key, selected.mentor.key));

function setClock(view) {
  const before = clock ? stage(clock.phase) : null;
  clock = view;
  if (before === null) showRetention();
  else if (before !== stage(view.phase)) reloadView();
  document.body.dataset.phase = view.phase;
  $('phase').textContent = phaseTitle(view);
  const can = {
    start: view.phase === 'waiting',
    pause: view.phase === 'round' || view.phase === 'transition',
    resume: view.phase === 'paused',
    extend: view.phase === 'round' || view.phase === 'transition' || view.phase === 'paused',
    skip: view.phase !== 'waiting' && view.phase !== 'finished',
    end: view.phase !== 'finished',
  };
  for (const button of document.querySelectorAll('[data-command]')) button.disabled = !can[button.dataset.command];
  $('upload').disabled = view.phase !== 'waiting';
  for (const id of ['pin', 'forbid']) $(id).disabled = view.phase !== 'waiting';
  draw();
}

function draw() {
  if (clock && live) setText($('countdown'), countdownText(clock, live.serverNow()));
}

function timeLeftText(view) {
  const part = view.phase === 'transition' ? 'the move' : `round ${view.round}`;
  return view.endsAtMs
    ? `${part} now ends at ${new Date(view.endsAtMs).toLocaleTimeString([], { hour: 'numeric', minute: '2-digit', second: '2-digit' })}`
    : `${part} has ${Math.round(view.remainingMs / 60000)} min left when the clock resumes`;
}

for (const button of document.querySelectorAll('[data-command]')) {
  button.addEventListener('click', async () => {
    const command = button.dataset.command;
    if (command === 'end' && !confirm('End the event for everyone now?')) return;
    // Skip names the round we see and +1 minute the clock we see, so a second click (or host) acting on the same
    // screen cannot skip two rounds or add the minute twice.
    const body = command === 'skip' ? { expectedRound: clock.round } : command === 'extend' ? { expectedVersion: clock.version } : {};
    const answer = await api(`/clock/${command}`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body) });
    if (!answer.ok) {
      say(problemText(answer.body, 'Not done'), true);
      // Refused because the clock moved on: show it as it is now, so the next click acts on what the host sees.
      if (answer.status === 409) {
        const now = await api('/clock');
        if (now.ok) setClock(now.body);
      }
      return;
    }
    say(command === 'extend' ? `${button.textContent}: done; ${timeLeftText(answer.body)}.` : `${button.textContent}: done.`);
    setClock(answer.body);
  });
}

const roster = rosterSource($('file'), $('csv'), $('file-note'));

async function loadReport() {
  const answer = await api('/report');
  if (!answer.ok) {
    say(problemText(answer.body, 'No report'), true);
    return;
  }
  showReport($('report'), answer.body);
}

async function download(path, name) {
  const response = await fetch(`/api/events/${eventId}${path}`, { headers: { 'X-Host-Key': key ?? '' } });
  if (!response.ok) {
    say('The export failed; try again.', true);
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
$('export-roster').addEventListener('click', () => download('/roster.csv', 'roster.csv'));
$('pairs-confirm').addEventListener('click', async () => {
  const answer = await api('/pairs/confirm', { method: 'POST' });
  if (!answer.ok) {
    say(problemText(answer.body, 'Not confirmed'), true);
    return;
  }
  showReport($('report'), answer.body);
  say(`${answer.body.mutual.filter((p) => p.confirmed).length} long-term pair(s) confirmed; both sides now see each other's contact details as confirmed.`);
});
$('delete-event').addEventListener('click', async () => {
  if (!confirm('Delete this event and all its personal data (roster, links, ratings, choices, pairs)? This cannot be undone.')) return;
  const answer = await api('/', { method: 'DELETE' });
  if (answer.status === 204) {
    localStorage.removeItem(`flashmentoring.host.${eventId}`);
    document.querySelector('main').replaceChildren(el('p', 'The event and its personal data are deleted.', { class: 'card' }));
    return;
  }
  say(problemText(answer.body, 'Not deleted'), true);
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
    say('Choose a CSV file or paste the roster first.', true);
    return;
  }
  $('upload').disabled = true;
  say('Planning…');
  try {
    const answer = await api('/roster', { method: 'PUT', ...csvBody(body) });
    if (!answer.ok) {
      showProblems(answer.body.rejected ?? [], answer.body.warnings ?? []);
      say(problemText(answer.body, 'The roster was not planned'), true);
      return;
    }
    showPlan(answer.body);
    const people = await checkIn.load();
    const fix = answer.body.rejected.length ? ` ${answer.body.rejected.length} line(s) need fixing, listed below.` : '';
    say(`Planned ${answer.body.rounds.length} rounds for ${people.length} people.${fix}`);
    const first = $(answer.body.rejected.length ? 'problems' : 'quality');
    first.focus();
  } catch (error) {
    say(`Could not reach the app: ${error.message}. Nothing was lost; try again.`, true);
  } finally {
    $('upload').disabled = clock ? clock.phase !== 'waiting' : false;
  }
});

applyLimits();
load();
