// Creating an event: the answer carries the secret host link, which we open (and the host should bookmark).
import { $, problemText, sayIn } from './dom.js';
import { applyLimits } from './limits.js';
import { lang, t } from './i18n.js';

applyLimits();
// The suggested title, in the page's language (a title the host typed before this script ran stays).
if ($('title').value === $('title').defaultValue) $('title').value = t('create.defaultTitle');
const localDay = (d) => new Date(d.getTime() - d.getTimezoneOffset() * 60000).toISOString().slice(0, 10);
$('date').value = localDay(new Date());

// A day that has passed is a typo (and its personal data would be due for deletion at once): refused, with why.
// Today at an hour already gone is a host setting up to run now: accepted, and said plainly before creating.
function whenProblem() {
  const today = localDay(new Date());
  if (!$('date').value) return null;
  if ($('date').value < today) {
    return { refuse: true, text: t('create.datePassed') };
  }
  if ($('date').value === today && $('time').value && new Date(`${$('date').value}T${$('time').value}`) < new Date()) {
    return { refuse: false, text: t('create.timePassed', { time: $('time').value }) };
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
    // The board, the kit and e-mails start in the language the host reads this page in (the console can change it).
    language: lang,
  };
  $('create').disabled = true;
  sayIn($('status'), t('create.creating'));
  try {
    const response = await fetch('/api/events', { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body) });
    const created = await response.json().catch(() => ({}));
    if (!response.ok) {
      sayIn($('status'), problemText(created, t('create.notCreated')), true);
      return;
    }
    location.assign(created.hostLink);
  } catch (error) {
    sayIn($('status'), t('create.unreachable', { error: error.message }), true);
  } finally {
    $('create').disabled = false;
  }
});

// The button works once this script has wired the form: a click before that (a slow phone, a cold start) would have
// sent the form as a plain page load and lost what was typed.
$('create').disabled = false;
