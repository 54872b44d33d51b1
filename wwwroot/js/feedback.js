// After each round, a one-tap rating (and an optional note); at the end, the survey and "keep in touch".
// Answers go through the outbox, so a moment offline loses nothing and a resend counts once.
import { $, el, problemText } from './dom.js';
import { lang, plural, t } from './i18n.js';
import { flush, newId, pending, send } from './outbox.js';

let state = null;
let feedback = null;
let rating = null;
// What each rating means, shown on its button: a bare "1" to "5" leaves people guessing which end is good.
const MEANINGS = [t('feedback.meaning.1'), t('feedback.meaning.2'), t('feedback.meaning.3'), t('feedback.meaning.4'), t('feedback.meaning.5')];
const QUESTIONS = [
  ['match', t('feedback.question.match')], ['conversation', t('feedback.question.conversation')],
  ['logistics', t('feedback.question.logistics')], ['again', t('feedback.question.again')],
];
// A mentee ranks a few mentors: "1st choice" and so on, worded whole in each language (no ordinals built here).
const CHOICES = [t('feedback.choice1'), t('feedback.choice2'), t('feedback.choice3')];

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
  $('rate-title').textContent = state.me.role === 'mentor'
    ? t('feedback.rateMentor', { round: row.round })
    : t('feedback.rateMentee', { round: row.round, mentor: row.mentor });
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
  $('rate-title').textContent = t('feedback.rated', { round, rating: n, meaning: MEANINGS[n - 1].toLocaleLowerCase(lang) });
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
    $('rate-status').textContent = t('feedback.notSaved', { reason: problemText(result.refused.at(-1), t('feedback.refused')) });
    return;
  }
  $('rate-status').textContent = result && result.pending ? plural('feedback.pending', result.pending) : t('feedback.sent');
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
  $('choose-help').textContent = mentor ? t('feedback.chooseMentor') : plural('feedback.chooseMentee', feedback.maxChoices);
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
  $('choices').replaceChildren(...Array.from({ length: feedback.maxChoices }, (_, k) => {
    const select = el('select', null, { id: `choice-${k}` });
    select.append(el('option', t('feedback.nobody'), { value: '' }), ...feedback.met.map((p) => el('option', p.name, { value: String(p.id), ...(p.rank === k + 1 ? { selected: '' } : {}) })));
    const label = el('label', CHOICES[k] ?? t('feedback.choiceN', { n: k + 1 }), { for: `choice-${k}` });
    const wrap = el('div');
    wrap.append(label, select);
    return wrap;
  }));
}

function showMatches() {
  if (!feedback.matches.length) return;
  $('matches').replaceChildren(...feedback.matches.map((m) => {
    const who = m.agency ? t('feedback.match.nameAgency', { name: m.name, agency: m.agency }) : m.name;
    const contact = m.email ?? t('feedback.match.askHost');
    return el('li', m.confirmed ? t('feedback.match.confirmed', { who, contact }) : t('feedback.match.mutual', { who, contact }));
  }));
}

$('survey-form').addEventListener('submit', async (event) => {
  event.preventDefault();
  const answers = Object.fromEntries(QUESTIONS.map(([key]) => [key, Number(document.querySelector(`input[name=${key}]:checked`)?.value) || null]));
  const result = await send('/api/me/answers', { clientId: newId(), round: 0, rating: null, survey: answers }, state.token);
  if (result && result.refused && result.refused.length) {
    $('after-status').textContent = t('feedback.notSaved', { reason: problemText(result.refused.at(-1), t('feedback.surveyRefused')) });
    return;
  }
  $('after-status').textContent = pending() ? t('feedback.surveyPending') : t('feedback.surveyThanks');
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
      $('after-status').textContent = t('feedback.choicesNotSaved', { reason: problemText(body, t('phone.tryAgain')) });
      return;
    }
    feedback = body;
    $('after-status').textContent = chosen.length ? t('feedback.choicesSaved') : t('feedback.choicesNone');
    showMatches();
  } catch {
    $('after-status').textContent = t('feedback.choicesOffline');
  }
});

// Matches appear when the other side chooses too: look again now and then while the page is open.
setInterval(() => { if (state && state.clock && state.clock.phase === 'finished') loadFeedback(); }, 20000);
