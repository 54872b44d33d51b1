// Creating an event: the answer carries the secret host link, which we open (and the host should bookmark).
import { $, problemText, sayIn } from './dom.js';
import { applyLimits } from './limits.js';

applyLimits();
const today = new Date();
$('date').value = new Date(today.getTime() - today.getTimezoneOffset() * 60000).toISOString().slice(0, 10);

$('create-form').addEventListener('submit', async (event) => {
  event.preventDefault();
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
