// A person's own profile before the event: edit it, confirm or discard details sent again with their e-mail, go to
// the mentor search (mentees) or their day page; a mentor sees who asked to meet them once the plan is published.
import { $, el, problemText, sayIn } from './dom.js';
import { applyLimits } from './limits.js';
import { profileForm } from './profile-form.js';
import { canBeMentee, canMentor, eventWhen, meApi, personalPath, personalToken } from './personal.js';

const token = personalToken();
const status = $('status');
let form = null;

const LABELS = { name: 'Name', email: 'E-mail', role: 'Role', agency: 'Agency', location: 'Location', grade: 'Grade', formats: 'Formats', expertise: 'Expertise', needs: 'Needs', goals: 'Goals' };

async function load() {
  if (!token) {
    $('no-link').hidden = false;
    $('greeting').textContent = 'Who are you?';
    return;
  }
  let profile;
  try {
    profile = await meApi(token, '/profile');
  } catch (error) {
    sayIn(status, `Could not reach the event: ${error.message}. Check your connection and reload the page.`, true);
    return;
  }
  if (!profile.ok) {
    $('greeting').textContent = 'This link does not open a profile';
    sayIn(status, problemText(profile.body, 'Your profile could not be loaded'), true);
    return;
  }
  const p = profile.body;
  form = profileForm($('fields'), { competencies: p.lists.competencies, formats: p.lists.formats, emailLocked: true, mode: p.event.mode, ownTimeZone: true });
  applyLimits($('profile-form'));
  show(p);
}

function show(p) {
  document.title = `Your profile: ${p.event.title} - FlashMentoring`;
  $('event-title').textContent = p.event.title;
  $('when').textContent = eventWhen(p.event.startsAt, p.event.timeZone);
  $('greeting').textContent = `${p.name}, your profile`;
  $('links').hidden = false;
  $('to-me').href = personalPath('/me', token);
  $('to-mentors').href = personalPath('/mentors', token);
  $('to-mentors').hidden = !canBeMentee(p.role) || p.event.started;

  form.fill(p);
  form.setDisabled(p.event.started);
  $('fixed').hidden = !p.event.started;
  $('save').hidden = p.event.started;
  $('save').disabled = false;
  $('profile-form').hidden = false;

  showPending(p);
  showChoices(p);
  showAskers(p);
}

// The details sent again with this e-mail, beside what is stored now: only what differs.
function showPending(p) {
  const pending = p.pendingUpdate;
  $('pending').hidden = !pending;
  if (!pending) return;
  const text = (v) => (Array.isArray(v) ? v.join(', ') : v ?? '') || '(empty)';
  const rows = Object.keys(LABELS).filter((k) => k !== 'email' && text(pending[k]) !== text(p[k])).map((k) => {
    const box = el('div');
    box.append(el('dt', LABELS[k]), el('dd', `${text(pending[k])} (now: ${text(p[k])})`));
    return box;
  });
  $('pending-details').replaceChildren(...(rows.length ? rows : [el('div', 'The details sent are the same as your profile.')]));
}

function showChoices(p) {
  $('choices-card').hidden = !canBeMentee(p.role);
  if (!canBeMentee(p.role)) return;
  const must = p.mustMeet.map((m, i) => `${i + 1}. ${m.name}`).join(', ');
  const not = p.noThanks.map((m) => m.name).join(', ');
  $('choices-summary').textContent = [
    must ? `Must meet: ${must}.` : 'You have not marked any mentor you must meet yet.',
    not ? `No thanks: ${not}.` : '',
    p.event.started ? '' : 'Change them with "Find mentors".',
  ].filter(Boolean).join(' ');
}

async function showAskers(p) {
  $('askers-card').hidden = !canMentor(p.role);
  if (!canMentor(p.role)) return;
  const answer = await meApi(token, '/askers').catch(() => null);
  if (!answer?.ok) {
    $('askers-note').textContent = 'The list could not be loaded; reload the page to try again.';
    return;
  }
  if (!answer.body.published) {
    $('askers-note').textContent = 'You will see the mentees who asked to meet you once the host has planned the event and sent the invitations.';
    $('askers').replaceChildren();
    return;
  }
  const mentees = answer.body.mentees;
  $('askers-note').textContent = mentees.length ? `${mentees.length === 1 ? 'One mentee' : `${mentees.length} mentees`} marked you "must meet".` : 'No mentee marked you "must meet".';
  $('askers').replaceChildren(...mentees.map((m) => el('li', m.needs.length ? `${m.name}: wants to grow in ${m.needs.join(', ')}` : m.name)));
}

$('profile-form').addEventListener('submit', (event) => {
  event.preventDefault();
  form.submit({
    button: $('save'),
    status,
    again: 'Save my profile',
    send: (body) => meApi(token, '/profile', { method: 'PUT', body: JSON.stringify(body) }),
    done: (profile) => {
      show(profile);
      sayIn(status, 'Saved.');
    },
  });
});

async function decide(apply) {
  sayIn(status, apply ? 'Applying the new details…' : 'Discarding the new details…');
  const answer = await meApi(token, '/profile/pending', { method: 'POST', body: JSON.stringify({ apply }) }).catch(() => null);
  if (!answer?.ok) {
    sayIn(status, answer ? problemText(answer.body, 'Not done') : 'Could not reach the event; try again.', true);
    return;
  }
  show(answer.body);
  sayIn(status, apply ? 'Your profile now has the new details.' : 'The new details were discarded; your profile is as it was.');
  $('form-title').focus();
}
$('pending-apply').addEventListener('click', () => decide(true));
$('pending-discard').addEventListener('click', () => decide(false));

load();
