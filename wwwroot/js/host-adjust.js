// The host console's "Adjust by hand" card: pin or forbid any mentee-mentor pair chosen from lists (before the
// start), move one mentee to another table in a round to come (any time), and undo the last of these.
import { $, el, problemText } from './dom.js';
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
  const pairs = [...shown.pins.map((p) => ({ ...p, kind: 'pinned' })), ...shown.forbids.map((p) => ({ ...p, kind: 'forbidden' }))];
  $('constraints').replaceChildren(...pairs.map((p) => {
    const item = el('li', `${p.mentee} and ${p.mentor}: ${p.kind} `);
    const clear = el('button', 'Clear', { type: 'button', class: 'small', 'aria-label': `Clear: ${p.mentee} and ${p.mentor}` });
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
  const option = (people, p) => el('option', null, { value: shownName(people, p.key), label: p.table ? `Table ${p.table}` : p.agency || p.name });
  $('adjust-mentees').replaceChildren(...lists.mentees.map((p) => option(lists.mentees, p)));
  $('adjust-mentors').replaceChildren(...lists.mentors.map((p) => option(lists.mentors, p)));
  keepChoice($('move-round'), Array.from({ length: lists.rounds - lists.roundsBegun }, (_, k) => lists.roundsBegun + 1 + k)
    .map((r) => el('option', `Round ${r}`, { value: String(r) })));
  keepChoice($('move-table'), lists.mentors.map((p) => el('option', `Table ${p.table} - ${p.name}`, { value: String(p.table) })));
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
    $('adjust-what').textContent = 'Choose a mentee from the list.';
    return;
  }
  const seats = plan.rounds.map((r) => ({ round: r.number, table: r.tables.find((t) => t.mentees.some((m) => m.key === mentee.key)) }));
  const itinerary = seats.map((s) => (s.table ? `round ${s.round} Table ${s.table.table} (${s.table.mentor.name})` : `round ${s.round} resting`)).join(', ');
  let text = `${mentee.name}: ${itinerary}.`;
  if (mentor) {
    const meet = seats.find((s) => s.table?.mentor.key === mentor.key);
    text += meet ? ` Meets ${mentor.name} in round ${meet.round}.` : ` Does not meet ${mentor.name} yet.`;
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
    say('Choose a mentee and a mentor from the lists first.', true);
    return;
  }
  say('Re-planning…');
  const answer = await post('/constraints', { kind, mentee, mentor });
  if (!answer.ok) {
    say(problemText(answer.body, 'Not adjusted'), true);
    return;
  }
  await showPlan(answer.body);
  reprintFor(null); // A plan made again before the start is printed whole.
  say(kind === 'clear' ? 'Cleared; the plan is re-made.' : `Done: the plan now ${kind === 'pin' ? 'seats this pair together' : 'keeps this pair apart'}.`);
}

async function move(swapWith = null) {
  const mentee = picked(lists.mentees, $('adjust-mentee').value);
  if (!mentee) {
    say('Choose a mentee from the list first.', true);
    return;
  }
  $('move-swap').hidden = true;
  const answer = await post('/moves', { mentee: mentee.key, round: Number($('move-round').value), table: Number($('move-table').value), swapWith });
  if (!answer.ok) {
    say(problemText(answer.body, 'Not moved'), true);
    if (answer.body.tablemates) offerSwap(mentee, answer.body.tablemates);
    return;
  }
  await showPlan(answer.body.plan);
  say(answer.body.message);
  reprintFor(answer.body.reprint);
}

// A full table: one button per mentee seated there, to trade seats with.
function offerSwap(mentee, tablemates) {
  $('move-swap-what').textContent = `That table is full. Swap ${mentee.name} with:`;
  $('move-swap-choices').replaceChildren(...tablemates.map((p) => {
    const button = el('button', `Swap with ${p.name}`, { type: 'button', class: 'small' });
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
  $('undo-what').textContent = `Last change: ${undo.label}. ` +
    (undo.refused ?? `You can undo it until round ${undo.firstRound} begins.`);
  $('undo').disabled = Boolean(undo.refused);
}

async function undo() {
  const answer = await post('/undo');
  if (!answer.ok) {
    say(problemText(answer.body, 'Not undone'), true);
    await loadLists();
    return;
  }
  await showPlan(answer.body.plan);
  say(answer.body.message);
  reprintFor(answer.body.reprint);
}
