// The mentor search: filter the event's mentors, mark up to three "must meet" (ranked) and any "no thanks". Every
// change is saved at once (the plan reads them as the mentee's prefers and avoid); a failed save keeps the choices
// on the page and says so, with a button to save again.
import { $, el, problemText, sayIn } from './dom.js';
import { plural, t } from './i18n.js';
import { eventWhen, meApi, personalPath, personalToken } from './personal.js';
import { shownAs, shownList } from './profile-form.js';

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
    sayIn(status, profile ? problemText(profile.body, t('profile.notOpen')) : t('mentors.unreachableReload'), true);
    return;
  }
  const p = profile.body;
  document.title = t('mentors.docTitleEvent', { title: p.event.title });
  $('event-title').textContent = t('mentors.eventLine', { title: p.event.title, when: eventWhen(p.event.startsAt, p.event.timeZone) });
  must = p.mustMeet;
  no = p.noThanks;
  fixed = p.event.started;
  const first = await search(true);
  if (!first) return;
  $('choices-card').hidden = false;
  $('filters').hidden = false;
  if (fixed) sayIn($('save-state'), t('mentors.fixed'));
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
    sayIn(status, answer ? problemText(answer.body, t('mentors.searchFailed')) : t('mentors.unreachableRetry'), true);
    if (answer?.status === 403) $('filters').hidden = true;
    return false;
  }
  if (first) {
    fill($('agency'), answer.body.agencies);
    fill($('location'), answer.body.locations);
    fill($('expertise'), answer.body.expertise, shownAs);
  }
  mentors = answer.body.mentors;
  const filtered = query.toString() !== '';
  sayIn(status, mentors.length
    ? (filtered ? plural('mentors.matchCount', mentors.length) : plural('mentors.count', mentors.length))
    : filtered ? t('mentors.noMatch') : t('mentors.noneYet'));
  showResults();
  $('results-card').hidden = false;
  return true;
}

// The filter's value is the stored word (the search matches it); its label is the reader's.
function fill(select, values, label = (v) => v) {
  select.append(...values.map((v) => el('option', label(v), { value: v })));
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
    if (m.expertise.length) card.append(el('p', t('mentors.cardExpertise', { list: shownList(m.expertise) })));
    if (m.goals) card.append(el('p', m.goals, { class: 'goals' }));
    const rank = rankOf(m.id);
    const buttons = el('div', null, { class: 'controls' });
    const mustButton = el('button', rank ? t('mentors.mustMeetRank', { rank }) : t('mentors.mustMeet'), { type: 'button', 'aria-pressed': String(rank > 0), 'aria-describedby': headingId });
    const noButton = el('button', t('mentors.noThanks'), { type: 'button', class: 'secondary', 'aria-pressed': String(isNo(m.id)), 'aria-describedby': headingId });
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
    const why = t('mentors.atMost', { most: MOST, name: m.name });
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
      button(t('mentors.up'), t('mentors.moveUp', { name: m.name, rank: i }), move(-1), i === 0),
      button(t('mentors.down'), t('mentors.moveDown', { name: m.name, rank: i + 2 }), move(1), i === must.length - 1),
      button(t('mentors.remove'), t('mentors.removeMust', { name: m.name }), () => { must = must.filter((x) => x.id !== m.id); }),
    );
    item.append(tools);
    return item;
  }));
  $('no-thanks').replaceChildren(...no.map((m) => {
    const item = el('li');
    item.append(el('span', m.name, { class: 'chosen-name' }));
    const b = el('button', t('mentors.remove'), { type: 'button', class: 'small secondary', 'aria-label': t('mentors.removeNo', { name: m.name }) });
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
  sayIn($('save-state'), t('mentors.saving'));
  $('save-state').className = 'save-state';
  saving = saving.then(async () => {
    const answer = await meApi(token, '/mentor-choices', { method: 'PUT', body }).catch(() => null);
    if (number !== changeNumber) return;
    if (!answer?.ok) {
      sayIn($('save-state'), answer ? t('mentors.notSaved', { problem: problemText(answer.body, t('mentors.refused')) }) : t('mentors.noConnection'), true);
      $('save-again').hidden = false;
      return;
    }
    must = answer.body.mustMeet;
    no = answer.body.noThanks;
    showChoices();
    showResults();
    $('save-state').className = 'save-state saved';
    sayIn($('save-state'), t('mentors.saved', { must: must.length, no: no.length }));
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
