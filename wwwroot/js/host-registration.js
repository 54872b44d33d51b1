// The host's registration page: the link's settings, everyone registered or imported (edit, remove), how much each
// mentor is asked for, a CSV on top, "close registration and plan" with the plan's quality, and the invitations by
// e-mail with what was sent, queued and failed. Only the host link (key in the fragment, then on this laptop) works.
import { $, copyOnClick, el, problemText, sayIn } from './dom.js';
import { eventApi, eventId, hostKey } from './event-api.js';
import { format, lang, plural, t } from './i18n.js';
import { applyLimits } from './limits.js';
import { csvBody, rosterSource } from './upload.js';
import { showProblems, showQuality } from './plan-view.js';
import { profileForm } from './profile-form.js';

const key = hostKey();
const api = eventApi({ 'X-Host-Key': key ?? '' });
const status = $('status');
let eventView = null;
let review = { people: [], mentors: [], totals: {} };
let editing = null;
let editForm = null;
let mailTimer = null;

const say = (text, isError = false) => sayIn(status, text, isError);

async function load() {
  for (const link of [$('console-link'), $('console-link-2')]) link.href = `/host/${eventId}`;
  const event = await api('/host');
  if (!event.ok) {
    say(event.status === 403 ? t('hostreg.needsHostLink') : problemText(event.body, t('hostreg.notLoaded')), true);
    for (const card of document.querySelectorAll('main > .card:not(#status)')) card.hidden = true;
    return;
  }
  eventView = event.body;
  document.title = t('hostreg.documentTitle', { title: eventView.title });
  $('title').textContent = eventView.title;
  // This laptop's clock, in the page's language.
  $('when').textContent = new Date(eventView.startsAt).toLocaleString(lang, { dateStyle: 'full', timeStyle: 'short' });
  fillTimeZones();
  await Promise.all([loadSettings(), loadReview(), loadMail()]);
  applyLimits();
  $('save-settings').disabled = false;
}

// Settings

function fillTimeZones() {
  const zones = Intl.supportedValuesOf ? Intl.supportedValuesOf('timeZone') : [];
  $('time-zones').replaceChildren(...zones.map((z) => el('option', null, { value: z })));
}

const pad = (n) => String(Math.floor(Math.abs(n))).padStart(2, '0');
const localDate = (d) => `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
const localTime = (d) => `${pad(d.getHours())}:${pad(d.getMinutes())}`;

/** A date and time typed on this laptop as an instant with the laptop's UTC offset (as the create page sends it). */
function localInstant(date, time) {
  const local = new Date(`${date}T${time}`);
  const offset = -local.getTimezoneOffset();
  return `${date}T${time}:00${offset >= 0 ? '+' : '-'}${pad(offset / 60)}:${pad(offset % 60)}`;
}

async function loadSettings() {
  const answer = await api('/registration');
  if (answer.ok) showSettings(answer.body);
}

function showSettings(s) {
  $('open').checked = s.open;
  const closes = s.closesAt ? new Date(s.closesAt) : null;
  $('closes-date').value = closes ? localDate(closes) : '';
  $('closes-time').value = closes ? localTime(closes) : '';
  $('domains').value = s.domains.join(', ');
  // No zone yet: this laptop's, which is most often the room's; saved with the next change.
  $('time-zone').value = s.timeZone ?? Intl.DateTimeFormat().resolvedOptions().timeZone ?? '';
  $('open-state').textContent = s.openNow ? plural('hostreg.stateOpen', s.registered)
    : s.open ? plural('hostreg.stateNotTaking', s.registered) : plural('hostreg.stateClosed', s.registered);
  $('open-state').classList.toggle('is-open', s.openNow);
  $('link-box').hidden = !s.link;
  $('registration-link').value = s.link ?? '';
  if (s.link) showQr();
  // Shown once it holds the stored settings: a box ticked before would be unticked by them.
  $('settings-form').hidden = false;
}

// The link's QR code for a poster or a slide (the image needs the host key: fetched, not linked).
async function showQr() {
  const response = await fetch(`/api/events/${eventId}/registration/qr.svg`, { headers: { 'X-Host-Key': key ?? '' } }).catch(() => null);
  if (!response?.ok) return;
  const img = $('registration-qr');
  if (img.src) URL.revokeObjectURL(img.src);
  img.src = URL.createObjectURL(await response.blob());
  img.hidden = false;
}

$('settings-form').addEventListener('submit', async (event) => {
  event.preventDefault();
  await saveSettings(false);
});

async function saveSettings(quiet) {
  for (const id of ['closesAt', 'domains', 'timeZone']) fieldError(id, null);
  const date = $('closes-date').value;
  const change = {
    open: $('open').checked,
    closesAt: date ? localInstant(date, $('closes-time').value || '23:59') : null,
    domains: $('domains').value,
    timeZone: $('time-zone').value.trim() || null,
  };
  $('save-settings').disabled = true;
  try {
    const answer = await api('/registration', { method: 'PUT', body: JSON.stringify(change) });
    if (!answer.ok) {
      const errors = answer.body.errors ?? {};
      for (const [field, messages] of Object.entries(errors)) fieldError(field, messages.join(' '));
      const first = Object.keys(errors)[0];
      if (first) $({ closesAt: 'closes-date', domains: 'domains', timeZone: 'time-zone' }[first] ?? 'open')?.focus();
      say(first ? t('hostreg.fixFields') : problemText(answer.body, t('hostreg.notSaved')), true);
      return false;
    }
    showSettings(answer.body);
    if (!quiet) say(answer.body.openNow ? t('hostreg.savedOpen') : t('hostreg.savedClosed'));
    return true;
  } catch (error) {
    say(t('hostreg.unreachableSave', { error: error.message }), true);
    return false;
  } finally {
    $('save-settings').disabled = false;
  }
}

function fieldError(field, message) {
  const node = $(`${field}-error`);
  if (!node) return;
  node.textContent = message ?? '';
  node.hidden = !message;
  const inputs = { closesAt: ['closes-date', 'closes-time'], domains: ['domains'], timeZone: ['time-zone'] }[field] ?? [];
  for (const id of inputs) {
    if (message) $(id).setAttribute('aria-invalid', 'true');
    else $(id).removeAttribute('aria-invalid');
  }
}

copyOnClick($('copy-link'), $('registration-link'), $('copy-status'));

// The registrations

const MISSING = { needs: t('hostreg.missingNeeds'), expertise: t('hostreg.missingExpertise'), agency: t('hostreg.missingAgency'), email: t('hostreg.missingEmail') };
const ROLE = { mentor: t('hostreg.roleMentor'), mentee: t('hostreg.roleMentee'), both: t('hostreg.roleBoth') };
const KIND = {
  invitation: t('hostreg.kindInvitation'),
  update: t('hostreg.kindUpdate'),
  removed: t('hostreg.kindRemoved'),
  confirmation: t('hostreg.kindConfirmation'),
  pending: t('hostreg.kindPending'),
};

async function loadReview() {
  const answer = await api('/registrations');
  if (!answer.ok) return;
  review = answer.body;
  const totals = review.totals;
  $('totals').textContent = [
    t('hostreg.totals', { people: plural('hostreg.people', totals.people), mentors: plural('hostreg.mentors', totals.mentors), mentees: plural('hostreg.mentees', totals.mentees) }),
    totals.incomplete ? plural('hostreg.incomplete', totals.incomplete) : t('hostreg.allComplete'),
    plural('hostreg.marks', totals.mustMeetAsked),
  ].join(' ');
  $('people-none').hidden = review.people.length > 0;
  $('people-table').hidden = review.people.length === 0;
  $('registrations').replaceChildren(...review.people.map(personRow));
  showAsked();
}

function personRow(p) {
  const tr = el('tr');
  const who = el('td', null, { class: 'who' });
  who.append(el('span', p.name, { class: 'person-name' }));
  if (p.email) who.append(el('span', p.email, { class: 'agency' }));
  const complete = el('td', null, { class: 'badges' });
  complete.append(...(p.missing.length ? p.missing.map((m) => el('span', MISSING[m] ?? m, { class: 'badge missing' })) : [el('span', t('hostreg.complete'), { class: 'badge ok' })]));
  const mentee = p.role !== 'mentor';
  const choices = !mentee ? ''
    : p.noThanks.length ? t('hostreg.choicesNoThanks', { must: format.number(p.mustMeet.length), no: format.number(p.noThanks.length) })
      : t('hostreg.choices', { must: format.number(p.mustMeet.length) });
  const must = el('td', choices, p.mustMeet.length ? { title: p.mustMeet.join(', ') } : {});
  const actions = el('td', null, { class: 'actions' });
  const edit = el('button', t('hostreg.edit'), { type: 'button', class: 'small', 'aria-label': t('hostreg.editName', { name: p.name }) });
  const remove = el('button', t('hostreg.remove'), { type: 'button', class: 'small secondary', 'aria-label': t('hostreg.removeName', { name: p.name }) });
  edit.addEventListener('click', () => openEdit(p));
  remove.addEventListener('click', () => removePerson(p));
  actions.append(edit, remove);
  tr.append(who, el('td', ROLE[p.role] ?? p.role), el('td', p.agency || '-'), complete, must, actions);
  return tr;
}

function showAsked() {
  const asked = review.mentors.filter((m) => m.asked > 0);
  $('asked-card').hidden = review.mentors.length === 0;
  // A table seats this many mentees over the event: beyond that, some who asked cannot meet the mentor.
  const capacity = eventView ? eventView.rounds * eventView.seatsPerTable : Infinity;
  $('asked').replaceChildren(...(asked.length ? asked.map((m) => {
    const item = el('li');
    item.append(el('strong', m.name), `${m.agency ? ` (${m.agency})` : ''}: ${plural('hostreg.askedBy', m.asked, { first: format.number(m.askedFirst) })}`);
    if (m.asked > capacity) {
      const warning = t('hostreg.overAsked', { capacity: format.number(capacity), rounds: plural('common.rounds', eventView.rounds), name: m.name });
      item.append(el('span', ` ${warning}`, { class: 'warning over-asked' }));
    }
    return item;
  }) : [el('li', t('hostreg.noneAsked'))]));
}

async function openEdit(p) {
  editing = p;
  const { competencies, formats } = review.lists;
  editForm = profileForm($('edit-fields'), { competencies, formats });
  editForm.fill(p);
  applyLimits($('edit-form'));
  $('edit-title').textContent = t('hostreg.editName', { name: p.name });
  sayIn($('edit-status'), '');
  $('edit-dialog').showModal();
}

$('edit-cancel').addEventListener('click', () => $('edit-dialog').close());
$('edit-form').addEventListener('submit', (event) => {
  event.preventDefault();
  editForm.submit({
    button: $('edit-save'),
    status: $('edit-status'),
    again: t('hostreg.save'),
    send: (body) => api(`/people/${editing.id}`, { method: 'PUT', body: JSON.stringify(body) }),
    done: async (person) => {
      $('edit-dialog').close();
      say(t('hostreg.saved', { name: person.name }));
      await loadReview();
    },
  });
});

async function removePerson(p) {
  if (!confirm(t('hostreg.confirmRemove', { name: p.name }))) return;
  const answer = await api(`/people/${p.id}`, { method: 'DELETE' });
  if (!answer.ok) {
    say(problemText(answer.body, t('hostreg.notRemoved', { name: p.name })), true);
    return;
  }
  say(t('hostreg.removed', { name: p.name }));
  await loadReview();
  $('people-title').setAttribute('tabindex', '-1');
  $('people-title').focus();
}

// A CSV on top

const roster = rosterSource($('file'), $('csv'), $('file-note'));
$('import-form').addEventListener('submit', async (event) => {
  event.preventDefault();
  const body = roster();
  if (!body) {
    say(t('hostreg.chooseCsv'), true);
    return;
  }
  $('import').disabled = true;
  say(t('hostreg.adding'));
  try {
    const answer = await api('/people/import', { method: 'POST', ...csvBody(body) });
    showProblems(answer.body.rejected ?? [], answer.body.warnings ?? []);
    if (!answer.ok) {
      say(problemText(answer.body, t('hostreg.nothingAdded')), true);
      return;
    }
    const fix = answer.body.rejected.length ? ` ${plural('hostreg.linesToFixCount', answer.body.rejected.length)}` : '';
    say(plural('hostreg.added', answer.body.added, { updated: format.number(answer.body.updated) }) + fix);
    await loadReview();
    if (answer.body.rejected.length) $('problems').focus();
  } catch (error) {
    say(t('hostreg.unreachableRetry', { error: error.message }), true);
  } finally {
    $('import').disabled = false;
  }
});

// Close and plan

$('plan').addEventListener('click', async () => {
  $('plan').disabled = true;
  say(t('hostreg.closing'));
  try {
    $('open').checked = false;
    if (!await saveSettings(true)) return;
    say(t('hostreg.planning'));
    const answer = await api('/plan', { method: 'POST' });
    if (!answer.ok) {
      say(t('hostreg.closedNoPlan', { reason: problemText(answer.body, t('hostreg.noPlanMade')) }), true);
      return;
    }
    eventView.hasPlan = true;
    showQuality(answer.body.quality, answer.body.notes ?? [], answer.body.summary);
    const tables = answer.body.rounds.length ? answer.body.rounds[0].tables.length : 0;
    say(t('hostreg.planned', { rounds: plural('common.rounds', answer.body.rounds.length), tables: plural('hostreg.tables', tables) }));
    await Promise.all([loadReview(), loadMail()]);
    $('quality').focus();
  } catch (error) {
    say(t('hostreg.unreachable', { error: error.message }), true);
  } finally {
    $('plan').disabled = false;
  }
});

// Invitations and the mail status

async function loadMail() {
  clearTimeout(mailTimer);
  const answer = await api('/mail');
  if (!answer.ok) return;
  const m = answer.body;
  $('mail-off').hidden = m.enabled;
  $('mail-off').textContent = m.enabled ? '' : m.reason ?? t('hostreg.mailOff');
  $('invite').disabled = !m.enabled || !eventView?.hasPlan;
  if (m.enabled && !eventView?.hasPlan) sayIn($('invite-status'), t('hostreg.planFirst'));
  const figures = [[t('hostreg.sent'), format.number(m.sent)], [t('hostreg.waiting'), format.number(m.queued)], [t('hostreg.failed'), format.number(m.failed)]];
  if (m.invited) figures.push([t('hostreg.invitationsSent'), new Date(m.invited).toLocaleString(lang, { dateStyle: 'medium', timeStyle: 'short' })]);
  $('mail-counts').replaceChildren(...figures.map(([name, value]) => {
    const box = el('div');
    box.append(el('dt', name), el('dd', String(value)));
    return box;
  }));
  // With e-mail off and nothing ever queued, three zeros would say nothing the warning does not.
  $('mail-counts').hidden = !m.enabled && m.sent + m.queued + m.failed === 0;
  $('failures-box').hidden = m.failures.length === 0;
  $('failures').replaceChildren(...m.failures.map((f) => {
    const tr = el('tr');
    tr.append(el('td', f.name ? `${f.name} <${f.to}>` : f.to), el('td', KIND[f.kind] ?? f.kind), el('td', format.number(f.attempts)), el('td', notSentBecause(f)));
    return tr;
  }));
  // While something waits to be sent, the counts follow it.
  if (m.queued > 0) mailTimer = setTimeout(loadMail, 3000);
}

// Why a message is not sent yet, and when it is tried again: "in 2 minutes, at 9:47 AM" tells a host whether to wait
// (on this laptop's clock, as every time on the page; the list is read again every few seconds while anything waits).
function notSentBecause(f) {
  const error = f.error ?? t('hostreg.notSentYet');
  if (!f.nextAttemptAt) return t('hostreg.givenUp', { error });
  const time = format.time(f.nextAttemptAt);
  const ms = new Date(f.nextAttemptAt).getTime() - Date.now();
  return ms >= 0 ? t('hostreg.triesAgainIn', { error, when: format.relative(ms), time }) : t('hostreg.triesAgainLate', { error, time });
}

$('invite').addEventListener('click', async () => {
  $('invite').disabled = true;
  sayIn($('invite-status'), t('hostreg.queuing'));
  try {
    const answer = await api('/invitations', { method: 'POST' });
    if (!answer.ok) {
      sayIn($('invite-status'), problemText(answer.body, t('hostreg.notSent')), true);
      return;
    }
    const skipped = answer.body.skipped.length ? ` ${t('hostreg.noEmailFor', { names: format.list(answer.body.skipped.map((s) => s.name)) })}` : '';
    sayIn($('invite-status'), plural('hostreg.queued', answer.body.queued) + skipped);
  } catch (error) {
    sayIn($('invite-status'), t('hostreg.unreachable', { error: error.message }), true);
  } finally {
    await loadMail();
  }
});

load();
