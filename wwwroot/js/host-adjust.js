// The host console's "Adjust by hand" card: pin or forbid any mentee-mentor pair chosen from lists (before the
// start), move one mentee to another table in a round to come (any time), and undo the last of these.
import { $, el, problemText } from './dom.js';
import { format, t } from './i18n.js';
import { offerReprint } from './reprint.js';

let api = null;
let say = () => {};
let showPlan = () => {};
let reprintFor = () => {};
let lists = { mentees: [], mentors: [], rounds: 0, roundsBegun: 0, undo: null };
let plan = null;
let clock = { phase: 'waiting', round: 0 };

/**
 * Wires the card once: `api(path, options)` calls the event's host API, `say` reports, `showPlan` shows a new plan;
 * `eventId` and `headers()` serve the reprint of what a move or an undo changed.
 */
export function mountAdjust(options) {
  ({ api, say, showPlan } = options);
  reprintFor = (reprint) => offerReprint('adjust-reprint', { eventId: options.eventId, headers: options.headers, reprint });
  $('pin').addEventListener('click', () => constrain('pin'));
  $('forbid').addEventListener('click', () => constrain('forbid'));
  $('move').addEventListener('click', () => move());
  $('undo').addEventListener('click', undo);
  for (const id of ['adjust-mentee', 'adjust-mentor', 'move-round']) $(id).addEventListener('input', describe);
}

/** Shows the card for a plan: the pins and forbids, fresh lists to pick from, the undo on offer. */
export async function showAdjust(shown) {
  plan = shown;
  $('adjust-card').hidden = false;
  const pairs = [...shown.pins.map((p) => ({ ...p, pinned: true })), ...shown.forbids.map((p) => ({ ...p, pinned: false }))];
  $('constraints').replaceChildren(...pairs.map((p) => {
    const names = { mentee: p.mentee, mentor: p.mentor };
    const item = el('li', `${t(p.pinned ? 'host.adjust.pinned' : 'host.adjust.forbidden', names)} `);
    const clear = el('button', t('host.adjust.clear'), { type: 'button', class: 'small', 'aria-label': t('host.adjust.clearPair', names) });
    clear.addEventListener('click', () => constrain('clear', p.menteeKey, p.mentorKey));
    item.append(clear);
    return item;
  }));
  $('constraints-none').hidden = pairs.length > 0;
  await loadLists();
}

/** A name chosen in the rotation grid fills the pickers with that mentee, mentor and round. */
export function selectSeat(mentee, mentor, round) {
  $('adjust-mentee').value = shownName(lists.mentees, mentee.key) ?? mentee.name;
  $('adjust-mentor').value = shownName(lists.mentors, mentor.key) ?? mentor.name;
  if ([...$('move-round').options].some((o) => o.value === String(round))) $('move-round').value = String(round);
  describe();
  $('pin').focus();
}

/** The clock moved: pins wait for the start, moves and undo for rounds not yet begun. */
export function adjustClock(view) {
  const changed = view.phase !== clock.phase || view.round !== clock.round;
  clock = view;
  const live = view.phase !== 'waiting';
  for (const id of ['pin', 'forbid']) $(id).disabled = live;
  $('pin-note').hidden = !live;
  if (changed && plan) loadLists();
}

async function loadLists() {
  const answer = await api('/adjust');
  if (!answer.ok) return;
  lists = answer.body;
  const option = (people, p) => el('option', null, { value: shownName(people, p.key), label: p.table ? t('common.table', { n: format.number(p.table) }) : p.agency || p.name });
  $('adjust-mentees').replaceChildren(...lists.mentees.map((p) => option(lists.mentees, p)));
  $('adjust-mentors').replaceChildren(...lists.mentors.map((p) => option(lists.mentors, p)));
  keepChoice($('move-round'), Array.from({ length: lists.rounds - lists.roundsBegun }, (_, k) => lists.roundsBegun + 1 + k)
    .map((r) => el('option', t('common.round', { n: format.number(r) }), { value: String(r) })));
  keepChoice($('move-table'), lists.mentors.map((p) => el('option', t('host.adjust.tableOf', { n: format.number(p.table), mentor: p.name }), { value: String(p.table) })));
  $('move').disabled = lists.roundsBegun >= lists.rounds;
  $('move-closed').hidden = !$('move').disabled;
  showUndo();
  describe();
}

function keepChoice(select, options) {
  const was = select.value;
  select.replaceChildren(...options);
  if (options.some((o) => o.value === was)) select.value = was;
}

// Names in the pickers: the name alone, with the key only where two people share it.
function shownName(people, key) {
  const person = people.find((p) => p.key === key);
  if (!person) return null;
  return people.filter((p) => p.name === person.name).length > 1 ? `${person.name} (${person.key})` : person.name;
}

// The person a picker names: its exact text, or a name typed in any case that only one person has.
function picked(people, text) {
  const wanted = text.trim().toLocaleLowerCase();
  const exact = people.find((p) => shownName(people, p.key).toLocaleLowerCase() === wanted);
  if (exact) return exact;
  const named = people.filter((p) => p.name.toLocaleLowerCase() === wanted);
  return named.length === 1 ? named[0] : null;
}

// Where the chosen mentee sits, round by round, and whether they meet the chosen mentor: what the host decides on.
function describe() {
  const mentee = picked(lists.mentees, $('adjust-mentee').value);
  const mentor = picked(lists.mentors, $('adjust-mentor').value);
  if (!mentee || !plan) {
    $('adjust-what').textContent = t('host.adjust.chooseMentee');
    return;
  }
  const seats = plan.rounds.map((r) => ({ round: r.number, table: r.tables.find((x) => x.mentees.some((m) => m.key === mentee.key)) }));
  const itinerary = seats.map((s) => (s.table
    ? t('host.adjust.seatAt', { round: s.round, table: s.table.table, mentor: s.table.mentor.name })
    : t('host.adjust.seatResting', { round: s.round }))).join(', ');
  let text = t('host.adjust.itinerary', { mentee: mentee.name, itinerary });
  if (mentor) {
    const meet = seats.find((s) => s.table?.mentor.key === mentor.key);
    text += ` ${meet ? t('host.adjust.meets', { mentor: mentor.name, round: meet.round }) : t('host.adjust.doesNotMeet', { mentor: mentor.name })}`;
  }
  $('adjust-what').textContent = text;
}

async function post(path, body) {
  const options = { method: 'POST', headers: { 'Content-Type': 'application/json' } };
  return api(path, body === undefined ? options : { ...options, body: JSON.stringify(body) });
}

async function constrain(kind, menteeKey, mentorKey) {
  const mentee = menteeKey ?? picked(lists.mentees, $('adjust-mentee').value)?.key;
  const mentor = mentorKey ?? picked(lists.mentors, $('adjust-mentor').value)?.key;
  if (!mentee || !mentor) {
    say(t('host.adjust.chooseBoth'), true);
    return;
  }
  say(t('host.adjust.replanning'));
  const answer = await post('/constraints', { kind, mentee, mentor });
  if (!answer.ok) {
    say(problemText(answer.body, t('host.adjust.notAdjusted')), true);
    return;
  }
  await showPlan(answer.body);
  // Made again from scratch before the start, but a kit printed days ahead is out of date only where the plan changed.
  reprintFor(answer.body.reprint ?? null);
  say(t(kind === 'clear' ? 'host.adjust.cleared' : kind === 'pin' ? 'host.adjust.pinDone' : 'host.adjust.forbidDone'));
}

async function move(swapWith = null) {
  const mentee = picked(lists.mentees, $('adjust-mentee').value);
  if (!mentee) {
    say(t('host.adjust.chooseMenteeFirst'), true);
    return;
  }
  $('move-swap').hidden = true;
  const answer = await post('/moves', { mentee: mentee.key, round: Number($('move-round').value), table: Number($('move-table').value), swapWith });
  if (!answer.ok) {
    say(problemText(answer.body, t('host.adjust.notMoved')), true);
    if (answer.body.tablemates) offerSwap(mentee, answer.body.tablemates);
    return;
  }
  await showPlan(answer.body.plan);
  say(answer.body.message);
  reprintFor(answer.body.reprint);
}

// A full table: one button per mentee seated there, to trade seats with.
function offerSwap(mentee, tablemates) {
  $('move-swap-what').textContent = t('host.adjust.full', { mentee: mentee.name });
  $('move-swap-choices').replaceChildren(...tablemates.map((p) => {
    const button = el('button', t('host.adjust.swapWith', { name: p.name }), { type: 'button', class: 'small' });
    button.addEventListener('click', () => move(p.key));
    return button;
  }));
  $('move-swap').hidden = false;
  $('move-swap-choices').querySelector('button')?.focus();
}

function showUndo() {
  const undo = lists.undo;
  $('undo-box').hidden = !undo;
  if (!undo) return;
  $('undo-what').textContent = `${t('host.adjust.lastChange', { change: undo.label })} ${undo.refused ?? t('host.adjust.undoUntil', { n: undo.firstRound })}`;
  $('undo').disabled = Boolean(undo.refused);
}

async function undo() {
  const answer = await post('/undo');
  if (!answer.ok) {
    say(problemText(answer.body, t('host.adjust.notUndone')), true);
    await loadLists();
    return;
  }
  await showPlan(answer.body.plan);
  say(answer.body.message);
  reprintFor(answer.body.reprint);
}
