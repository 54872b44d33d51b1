// The mentor search: filter the event's mentors, mark up to three "must meet" (ranked) and any "no thanks". Every
// change is saved at once (the plan reads them as the mentee's prefers and avoid); a failed save keeps the choices
// on the page and says so, with a button to save again.
import { $, el, problemText, sayIn } from './dom.js';
import { eventWhen, meApi, personalPath, personalToken } from './personal.js';

const MOST = 3;
const token = personalToken();
const status = $('status');
let must = [];
let no = [];
let mentors = [];
let fixed = false;
let searchNumber = 0;
let changeNumber = 0;
let saving = Promise.resolve();
const notes = new Map();

async function load() {
  if (!token) {
    $('no-link').hidden = false;
    return;
  }
  $('to-profile').href = personalPath('/profile', token);
  $('to-me').href = personalPath('/me', token);
  const profile = await meApi(token, '/profile').catch(() => null);
  if (!profile?.ok) {
    sayIn(status, profile ? problemText(profile.body, 'This link does not open a profile') : 'Could not reach the event; reload the page.', true);
    return;
  }
  const p = profile.body;
  document.title = `Find mentors: ${p.event.title} - FlashMentoring`;
  $('event-title').textContent = `${p.event.title}, ${eventWhen(p.event.startsAt, p.event.timeZone)}`;
  must = p.mustMeet;
  no = p.noThanks;
  fixed = p.event.started;
  const first = await search(true);
  if (!first) return;
  $('choices-card').hidden = false;
  $('filters').hidden = false;
  if (fixed) sayIn($('save-state'), 'The event has started: your choices are fixed.');
  showChoices();
}

/** Runs the search with the filters as they are; the first one also fills the filters' lists. */
async function search(first = false) {
  const number = ++searchNumber;
  const query = new URLSearchParams();
  for (const id of ['q', 'agency', 'location', 'expertise']) if ($(id).value.trim()) query.set(id, $(id).value.trim());
  const answer = await meApi(token, `/mentors?${query}`).catch(() => null);
  if (number !== searchNumber) return false; // A newer search is on its way.
  if (!answer?.ok) {
    sayIn(status, answer ? problemText(answer.body, 'The search failed') : 'Could not reach the event; try again.', true);
    if (answer?.status === 403) $('filters').hidden = true;
    return false;
  }
  if (first) {
    fill($('agency'), answer.body.agencies);
    fill($('location'), answer.body.locations);
    fill($('expertise'), answer.body.expertise);
  }
  mentors = answer.body.mentors;
  const filtered = query.toString() !== '';
  sayIn(status, mentors.length
    ? `${mentors.length === 1 ? 'One mentor' : `${mentors.length} mentors`}${filtered ? ' match' : ''}.`
    : filtered ? 'No mentor matches these filters. Clear one to see more.' : 'No mentor has registered yet. Come back later.');
  showResults();
  $('results-card').hidden = false;
  return true;
}

function fill(select, values) {
  select.append(...values.map((v) => el('option', v, { value: v })));
}

const rankOf = (id) => must.findIndex((m) => m.id === id) + 1;
const isNo = (id) => no.some((m) => m.id === id);

function showResults() {
  $('results').replaceChildren(...mentors.map((m) => {
    const card = el('li', null, { class: 'mentor-card' });
    const headingId = `mentor-${m.id}`;
    card.append(el('h3', m.name, { id: headingId }));
    const meta = [m.agency, m.location, m.grade].filter(Boolean).join(' · ');
    if (meta) card.append(el('p', meta, { class: 'meta' }));
    if (m.expertise.length) card.append(el('p', `Expertise: ${m.expertise.join(', ')}`));
    if (m.goals) card.append(el('p', m.goals, { class: 'goals' }));
    const rank = rankOf(m.id);
    const buttons = el('div', null, { class: 'controls' });
    const mustButton = el('button', rank ? `Must meet: choice ${rank}` : 'Must meet', { type: 'button', 'aria-pressed': String(rank > 0), 'aria-describedby': headingId });
    const noButton = el('button', 'No thanks', { type: 'button', class: 'secondary', 'aria-pressed': String(isNo(m.id)), 'aria-describedby': headingId });
    mustButton.disabled = fixed;
    noButton.disabled = fixed;
    mustButton.addEventListener('click', () => toggleMust(m));
    noButton.addEventListener('click', () => toggleNo(m));
    buttons.append(mustButton, noButton);
    const note = el('p', notes.get(m.id) ?? '', { class: 'card-note' });
    card.append(buttons, note);
    return card;
  }));
}

function toggleMust(m) {
  notes.clear();
  if (rankOf(m.id)) {
    must = must.filter((x) => x.id !== m.id);
  } else if (must.length >= MOST) {
    // The fourth is refused here, with the way out, rather than by the server after a round trip.
    const why = `You have marked ${MOST} mentors you must meet, the most. To choose ${m.name}, remove one under "Your choices" first.`;
    notes.set(m.id, why);
    showResults();
    sayIn(status, why, true);
    return;
  } else {
    must = [...must, { id: m.id, name: m.name }];
    no = no.filter((x) => x.id !== m.id);
  }
  changed();
}

function toggleNo(m) {
  notes.clear();
  if (isNo(m.id)) {
    no = no.filter((x) => x.id !== m.id);
  } else {
    no = [...no, { id: m.id, name: m.name }];
    must = must.filter((x) => x.id !== m.id);
  }
  changed();
}

function showChoices() {
  $('must-meet').replaceChildren(...must.map((m, i) => {
    const item = el('li');
    item.append(el('span', m.name, { class: 'chosen-name' }));
    const tools = el('span', null, { class: 'chosen-tools' });
    const button = (text, label, action, disabled = false) => {
      const b = el('button', text, { type: 'button', class: 'small secondary', 'aria-label': label });
      b.disabled = disabled || fixed;
      b.addEventListener('click', () => { action(); changed(); focusChoices(); });
      return b;
    };
    const move = (by) => () => { const next = [...must]; [next[i], next[i + by]] = [next[i + by], next[i]]; must = next; };
    tools.append(
      button('Up', `Move ${m.name} up to choice ${i}`, move(-1), i === 0),
      button('Down', `Move ${m.name} down to choice ${i + 2}`, move(1), i === must.length - 1),
      button('Remove', `Remove ${m.name} from must meet`, () => { must = must.filter((x) => x.id !== m.id); }),
    );
    item.append(tools);
    return item;
  }));
  $('no-thanks').replaceChildren(...no.map((m) => {
    const item = el('li');
    item.append(el('span', m.name, { class: 'chosen-name' }));
    const b = el('button', 'Remove', { type: 'button', class: 'small secondary', 'aria-label': `Remove ${m.name} from no thanks` });
    b.disabled = fixed;
    b.addEventListener('click', () => { no = no.filter((x) => x.id !== m.id); changed(); focusChoices(); });
    item.append(b);
    return item;
  }));
  $('must-none').hidden = must.length > 0;
  $('no-none').hidden = no.length > 0;
}

// A pressed button that the new list no longer has: the focus goes to the list's heading, not to the page.
function focusChoices() {
  if (!document.activeElement || document.activeElement === document.body) {
    $('choices-title').setAttribute('tabindex', '-1');
    $('choices-title').focus();
  }
}

function changed() {
  showChoices();
  showResults();
  save();
}

/** Saves the choices as they are now; saves run one after another, and only the newest answer is shown. */
function save() {
  const number = ++changeNumber;
  const body = JSON.stringify({ mustMeet: must.map((m) => m.id), noThanks: no.map((m) => m.id) });
  $('save-again').hidden = true;
  sayIn($('save-state'), 'Saving…');
  $('save-state').className = 'save-state';
  saving = saving.then(async () => {
    const answer = await meApi(token, '/mentor-choices', { method: 'PUT', body }).catch(() => null);
    if (number !== changeNumber) return;
    if (!answer?.ok) {
      sayIn($('save-state'), answer ? `Not saved: ${problemText(answer.body, 'your choices were refused')}` : 'Not saved: no connection. Your choices are still here; press "Save again".', true);
      $('save-again').hidden = false;
      return;
    }
    must = answer.body.mustMeet;
    no = answer.body.noThanks;
    showChoices();
    showResults();
    $('save-state').className = 'save-state saved';
    sayIn($('save-state'), `Saved: ${must.length} must meet, ${no.length} no thanks.`);
  });
}

$('save-again').addEventListener('click', save);
$('filters').addEventListener('submit', (event) => { event.preventDefault(); search(); });
for (const id of ['agency', 'location', 'expertise']) $(id).addEventListener('change', () => search());
let typing = null;
$('q').addEventListener('input', () => { clearTimeout(typing); typing = setTimeout(search, 250); });
// The form resets its fields after this event: search once they are empty.
$('filters').addEventListener('reset', () => setTimeout(search));

load();
