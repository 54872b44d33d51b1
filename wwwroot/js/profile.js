// A person's own profile before the event: edit it, confirm or discard details sent again with their e-mail, go to
// the mentor search (mentees) or their day page; a mentor sees who asked to meet them once the plan is published.
import { $, el, problemText, sayIn } from './dom.js';
import { languages, plural, t } from './i18n.js';
import { applyLimits } from './limits.js';
import { profileForm, shownList } from './profile-form.js';
import { canBeMentee, canMentor, eventWhen, meApi, personalPath, personalToken } from './personal.js';

const token = personalToken();
const status = $('status');
let form = null;

// The fields a pending update may change, by the words this page shows for them.
const LABELS = {
  name: t('profile.field.name'),
  role: t('profile.field.role'),
  agency: t('profile.field.agency'),
  location: t('profile.field.location'),
  grade: t('profile.field.grade'),
  formats: t('profile.field.formats'),
  expertise: t('profile.field.expertise'),
  needs: t('profile.field.needs'),
  goals: t('profile.field.goals'),
  attends: t('profile.field.attends'),
  language: t('profile.field.language'),
};
const ROLES = { mentee: t('profile.form.roleMentee'), mentor: t('profile.form.roleMentor'), both: t('profile.form.roleBoth') };
const ATTENDS = { 'in-person': t('profile.form.attendsRoom'), online: t('profile.form.attendsOnline') };

async function load() {
  if (!token) {
    $('no-link').hidden = false;
    $('greeting').textContent = t('profile.whoAreYou');
    return;
  }
  let profile;
  try {
    profile = await meApi(token, '/profile');
  } catch (error) {
    sayIn(status, t('register.unreachable', { error: error.message }), true);
    return;
  }
  if (!profile.ok) {
    $('greeting').textContent = t('profile.notOpen');
    sayIn(status, problemText(profile.body, t('profile.notLoaded')), true);
    return;
  }
  const p = profile.body;
  form = profileForm($('fields'), { competencies: p.lists.competencies, formats: p.lists.formats, emailLocked: true, mode: p.event.mode, ownTimeZone: true, askLanguage: true });
  applyLimits($('profile-form'));
  show(p);
}

function show(p) {
  document.title = t('profile.docTitleEvent', { title: p.event.title });
  $('event-title').textContent = p.event.title;
  $('when').textContent = eventWhen(p.event.startsAt, p.event.timeZone);
  $('greeting').textContent = t('profile.greeting', { name: p.name });
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

// A stored value as this page words it: a role, a way of taking part, a language or a competency in the reader's words.
function worded(key, value) {
  if (Array.isArray(value)) return shownList(value);
  if (value === null || value === undefined || value === '') return '';
  if (key === 'role') return ROLES[value] ?? value;
  if (key === 'attends') return ATTENDS[value] ?? value;
  if (key === 'language') return languages.find((l) => l.code === value)?.name ?? value;
  return value;
}

// The details sent again with this e-mail, beside what is stored now: only what differs (what was not sent is kept).
function showPending(p) {
  const pending = p.pendingUpdate;
  $('pending').hidden = !pending;
  if (!pending) return;
  const text = (k, v) => worded(k, v) || t('profile.empty');
  const kept = (k) => (k === 'attends' || k === 'language') && !pending[k];
  const rows = Object.keys(LABELS).filter((k) => !kept(k) && text(k, pending[k]) !== text(k, p[k])).map((k) => {
    const box = el('div');
    box.append(el('dt', LABELS[k]), el('dd', t('profile.pendingRow', { new: text(k, pending[k]), old: text(k, p[k]) })));
    return box;
  });
  $('pending-details').replaceChildren(...(rows.length ? rows : [el('div', t('profile.sameDetails'))]));
}

function showChoices(p) {
  $('choices-card').hidden = !canBeMentee(p.role);
  if (!canBeMentee(p.role)) return;
  const must = p.mustMeet.map((m, i) => `${i + 1}. ${m.name}`).join(', ');
  const not = p.noThanks.map((m) => m.name).join(', ');
  $('choices-summary').textContent = [
    must ? t('profile.mustMeetList', { list: must }) : t('profile.noneMarked'),
    not ? t('profile.noThanksList', { list: not }) : '',
    p.event.started ? '' : t('profile.changeThem'),
  ].filter(Boolean).join(' ');
}

async function showAskers(p) {
  $('askers-card').hidden = !canMentor(p.role);
  if (!canMentor(p.role)) return;
  const answer = await meApi(token, '/askers').catch(() => null);
  if (!answer?.ok) {
    $('askers-note').textContent = t('profile.askersFailed');
    return;
  }
  if (!answer.body.published) {
    $('askers-note').textContent = t('profile.askersLater');
    $('askers').replaceChildren();
    return;
  }
  const mentees = answer.body.mentees;
  $('askers-note').textContent = plural('profile.askersCount', mentees.length);
  $('askers').replaceChildren(...mentees.map((m) => el('li', m.needs.length ? t('profile.askerNeeds', { name: m.name, needs: shownList(m.needs) }) : m.name)));
}

$('profile-form').addEventListener('submit', (event) => {
  event.preventDefault();
  form.submit({
    button: $('save'),
    status,
    again: t('profile.save'),
    send: (body) => meApi(token, '/profile', { method: 'PUT', body: JSON.stringify(body) }),
    done: (profile) => {
      show(profile);
      sayIn(status, t('profile.saved'));
    },
  });
});

async function decide(apply) {
  sayIn(status, apply ? t('profile.applying') : t('profile.discarding'));
  const answer = await meApi(token, '/profile/pending', { method: 'POST', body: JSON.stringify({ apply }) }).catch(() => null);
  if (!answer?.ok) {
    sayIn(status, answer ? problemText(answer.body, t('profile.notDone')) : t('profile.unreachableRetry'), true);
    return;
  }
  show(answer.body);
  sayIn(status, apply ? t('profile.applied') : t('profile.discarded'));
  $('form-title').focus();
}
$('pending-apply').addEventListener('click', () => decide(true));
$('pending-discard').addEventListener('click', () => decide(false));

load();
