// Creating an event: the answer carries the secret host link, which we open (and the host should bookmark).
import { $, problemText, sayIn } from './dom.js';
import { applyLimits } from './limits.js';

applyLimits();
const localDay = (d) => new Date(d.getTime() - d.getTimezoneOffset() * 60000).toISOString().slice(0, 10);
$('date').value = localDay(new Date());

// A day that has passed is a typo (and its personal data would be due for deletion at once): refused, with why.
// Today at an hour already gone is a host setting up to run now: accepted, and said plainly before creating.
function whenProblem() {
  const today = localDay(new Date());
  if (!$('date').value) return null;
  if ($('date').value < today) {
    return { refuse: true, text: `That date has passed. Pick today or a later day.` };
  }
  if ($('date').value === today && $('time').value && new Date(`${$('date').value}T${$('time').value}`) < new Date()) {
    return { refuse: false, text: `Today at ${$('time').value} has already passed. That is fine to run the event now; otherwise change the start time.` };
  }
  return null;
}

function showWhen() {
  const problem = whenProblem();
  sayIn($('when-note'), problem?.text ?? '', problem?.refuse ?? false);
  $('when-note').hidden = !problem;
  // The browser's own check then stops the form, with the same words.
  $('date').setCustomValidity(problem?.refuse ? problem.text : '');
  return problem;
}

for (const id of ['date', 'time']) $(id).addEventListener('input', showWhen);
showWhen();

$('create-form').addEventListener('submit', async (event) => {
  event.preventDefault();
  if (showWhen()?.refuse) {
    $('date').focus();
    return;
  }
  // The start as the host's local time with its UTC offset, so printed times read as local.
  const local = new Date(`${$('date').value}T${$('time').value}`);
  const offset = -local.getTimezoneOffset();
  const sign = offset >= 0 ? '+' : '-';
  const pad = (n) => String(Math.floor(Math.abs(n))).padStart(2, '0');
  const startsAt = `${$('date').value}T${$('time').value}:00${sign}${pad(offset / 60)}:${pad(offset % 60)}`;
  const body = {
    title: $('title').value,
    startsAt,
    rounds: Number($('rounds').value),
    roundMinutes: Number($('round-minutes').value),
    transitionMinutes: Number($('transition-minutes').value),
    seatsPerTable: Number($('seats').value),
    format: $('format').value,
    boardFirstNamesOnly: $('first-names').checked,
    extraSeatWhenShort: $('extra-seat').checked,
  };
  $('create').disabled = true;
  sayIn($('status'), 'Creating…');
  try {
    const response = await fetch('/api/events', { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body) });
    const created = await response.json().catch(() => ({}));
    if (!response.ok) {
      sayIn($('status'), problemText(created, 'The event was not created'), true);
      return;
    }
    location.assign(created.hostLink);
  } catch (error) {
    sayIn($('status'), `Could not reach the app: ${error.message}. Nothing was created; try again.`, true);
  } finally {
    $('create').disabled = false;
  }
});

// The button works once this script has wired the form: a click before that (a slow phone, a cold start) would have
// sent the form as a plain page load and lost what was typed.
$('create').disabled = false;
