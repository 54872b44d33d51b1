// After each round, a one-tap rating (and an optional note); at the end, the survey and "keep in touch".
// Answers go through the outbox, so a moment offline loses nothing and a resend counts once.
import { $, count, el, problemText } from './dom.js';
import { flush, newId, pending, send } from './outbox.js';

let state = null;
let feedback = null;
let rating = null;
// What each rating means, shown on its button: a bare "1" to "5" leaves people guessing which end is good.
const MEANINGS = ['Not useful', 'A little useful', 'Useful', 'Quite useful', 'Very useful'];
const QUESTIONS = [
  ['match', 'The matches suited what I wanted to grow in'], ['conversation', 'The conversations were useful'],
  ['logistics', 'The logistics (timing, tables, moving) worked'], ['again', 'I would take part again'],
];

document.addEventListener('fm:state', (event) => {
  const first = !state;
  state = event.detail;
  if (first) loadFeedback();
  showRating();
  showAfter();
});
// Back online, say "Sent." only for answers that were waiting and are now in: a fresh phone has sent nothing.
document.addEventListener('fm:online', () => flush().then((result) => { if (result.sent || result.refused.length) report(result); }));

function rated() {
  return new Set(JSON.parse(localStorage.getItem(`flashmentoring.rated.${state.token}`) ?? '[]'));
}

function markRated(round) {
  localStorage.setItem(`flashmentoring.rated.${state.token}`, JSON.stringify([...rated(), round]));
}

async function loadFeedback() {
  try {
    const response = await fetch('/api/me/feedback', { headers: { 'X-Person-Token': state.token } });
    if (!response.ok) return;
    feedback = await response.json();
    for (const round of feedback.ratedRounds) if (!rated().has(round)) markRated(round);
    showRating();
    showAfter();
  } catch {
    // Offline: the next state change tries again.
  }
}

// The most recent finished round this person sat in and has not rated yet.
function roundToRate() {
  const { me, clock } = state;
  if (!clock || clock.phase === 'waiting') return null;
  const done = clock.phase === 'finished' ? clock.rounds : clock.phase === 'transition' ? clock.round : clock.round - 1;
  const already = rated();
  for (let r = done; r >= 1; r--) {
    const row = me.rounds.find((x) => x.round === r);
    if (row && row.table != null && !already.has(r)) return row;
  }
  return null;
}

function showRating() {
  const row = roundToRate();
  // A newer round to rate replaces a note box left open.
  if (rating !== null && row && row.round !== rating.round) rating = null;
  if (!row && rating === null) {
    $('rate-card').hidden = true;
    return;
  }
  $('rate-card').hidden = false;
  if (rating !== null) return; // The note box for the round just rated stays until sent or skipped.
  $('rate-title').textContent = state.me.role === 'mentor' ? `How was round ${row.round} at your table?` : `How was round ${row.round} with ${row.mentor}?`;
  $('note-box').hidden = true;
  if ($('rate-card').dataset.round !== String(row.round)) $('rate-status').textContent = '';
  $('rate-card').dataset.round = String(row.round);
  $('stars').replaceChildren(...MEANINGS.map((meaning, k) => {
    const button = el('button', null, { type: 'button', class: 'star' });
    button.append(el('span', String(k + 1), { class: 'star-number' }), ' ', el('span', meaning, { class: 'star-meaning' }));
    button.addEventListener('click', () => rate(row.round, k + 1));
    return button;
  }));
}

async function rate(round, n) {
  rating = { round, rating: n };
  markRated(round);
  $('stars').replaceChildren();
  $('rate-title').textContent = `Round ${round}: ${n} of 5, ${MEANINGS[n - 1].toLowerCase()}. Thank you!`;
  $('note-box').hidden = false;
  await send('/api/me/answers', { clientId: newId(), round, rating: n }, state.token).then(report);
}

$('send-note').addEventListener('click', async () => {
  const note = $('note').value.trim();
  if (note && rating) {
    await send('/api/me/answers', { clientId: newId(), round: rating.round, rating: rating.rating, note, signNote: $('sign-note').checked }, state.token).then(report);
  }
  rating = null;
  $('note').value = '';
  showRating();
});

function report(result) {
  if (result && result.refused && result.refused.length) {
    $('rate-status').textContent = `Not saved: ${problemText(result.refused.at(-1), 'The answer was refused')}`;
    return;
  }
  $('rate-status').textContent = result && result.pending ? `Saved on this phone; ${count(result.pending, 'answer')} will be sent when the connection is back.` : 'Sent.';
}

function showAfter() {
  const finished = state.clock && state.clock.phase === 'finished';
  $('after-card').hidden = !finished;
  if (!finished || !feedback) return;
  if (!$('survey').dataset.built) {
    $('survey').dataset.built = 'yes';
    for (const [key, text] of QUESTIONS) {
      const group = el('div', null, { class: 'question', role: 'radiogroup', 'aria-label': text });
      group.append(el('p', text));
      for (let n = 1; n <= 5; n++) {
        const input = el('input', null, { type: 'radio', name: key, value: String(n), id: `${key}-${n}` });
        const label = el('label', String(n), { for: `${key}-${n}`, class: 'check' });
        label.prepend(input);
        group.append(label);
      }
      $('survey').append(group);
    }
  }
  $('survey-form').hidden = feedback.surveyDone;
  showChoices();
  showMatches();
}

function showChoices() {
  const mentor = state.me.role === 'mentor';
  $('choose-help').textContent = mentor
    ? 'Tick the mentees you would take for long-term mentoring. When they choose you too, the program suggests you as a pair.'
    : `Rank up to ${feedback.maxChoices} mentors you would like to continue with. When a mentor chooses you too, the program suggests you as a pair.`;
  if ($('choices').dataset.built) return;
  $('choices').dataset.built = 'yes';
  if (mentor) {
    // One row per mentee, the box before the name it belongs to.
    $('choices').replaceChildren(...feedback.met.map((p) => {
      const label = el('label', ` ${p.name}`, { class: 'check choice-row' });
      label.prepend(el('input', null, { type: 'checkbox', value: String(p.id), ...(p.rank ? { checked: '' } : {}) }));
      return label;
    }));
    return;
  }
  const ordinal = ['1st', '2nd', '3rd', '4th', '5th'];
  $('choices').replaceChildren(...Array.from({ length: feedback.maxChoices }, (_, k) => {
    const select = el('select', null, { id: `choice-${k}` });
    select.append(el('option', '(nobody)', { value: '' }), ...feedback.met.map((p) => el('option', p.name, { value: String(p.id), ...(p.rank === k + 1 ? { selected: '' } : {}) })));
    const label = el('label', `${ordinal[k]} choice`, { for: `choice-${k}` });
    const wrap = el('div');
    wrap.append(label, select);
    return wrap;
  }));
}

function showMatches() {
  if (!feedback.matches.length) return;
  $('matches').replaceChildren(...feedback.matches.map((m) =>
    el('li', `${m.name}${m.agency ? ` (${m.agency})` : ''}: ${m.email ?? 'ask the host for contact details'}${m.confirmed ? ' - confirmed as your long-term pair' : ' - you chose each other'}`)));
}

$('survey-form').addEventListener('submit', async (event) => {
  event.preventDefault();
  const answers = Object.fromEntries(QUESTIONS.map(([key]) => [key, Number(document.querySelector(`input[name=${key}]:checked`)?.value) || null]));
  const result = await send('/api/me/answers', { clientId: newId(), round: 0, rating: null, survey: answers }, state.token);
  if (result && result.refused && result.refused.length) {
    $('after-status').textContent = `Not saved: ${problemText(result.refused.at(-1), 'The survey was refused')}`;
    return;
  }
  $('after-status').textContent = pending() ? 'Saved on this phone; it will be sent when the connection is back.' : 'Thank you: your answers are in.';
  $('survey-form').hidden = true;
});

$('choices-form').addEventListener('submit', async (event) => {
  event.preventDefault();
  const chosen = state.me.role === 'mentor'
    ? [...$('choices').querySelectorAll('input:checked')].map((i) => Number(i.value))
    : [...$('choices').querySelectorAll('select')].map((s) => Number(s.value)).filter((v, k, all) => v && all.indexOf(v) === k);
  try {
    const response = await fetch('/api/me/choices', { method: 'PUT', headers: { 'Content-Type': 'application/json', 'X-Person-Token': state.token }, body: JSON.stringify({ chosen }) });
    const body = await response.json().catch(() => ({}));
    if (!response.ok) {
      $('after-status').textContent = `Your choices were not saved: ${problemText(body, 'try again')}`;
      return;
    }
    feedback = body;
    $('after-status').textContent = chosen.length ? 'Your choices are saved.' : 'Saved: nobody chosen.';
    showMatches();
  } catch {
    $('after-status').textContent = 'No connection: your choices were not saved. Press Save again when the Wi-Fi is back.';
  }
});

// Matches appear when the other side chooses too: look again now and then while the page is open.
setInterval(() => { if (state && state.clock && state.clock.phase === 'finished') loadFeedback(); }, 20000);
