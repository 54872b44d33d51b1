// The public registration page: the event, whether it is open, and the profile form. A new registration gets its
// personal link (shown here when no e-mail carries it); an e-mail already registered waits for its owner's confirmation.
import { $, copyOnClick, problemText, sayIn } from './dom.js';
import { lang, t } from './i18n.js';
import { applyLimits } from './limits.js';
import { profileForm } from './profile-form.js';
import { canBeMentee, eventWhen, keepToken, personalPath } from './personal.js';

const code = decodeURIComponent(location.pathname.split('/').filter(Boolean)[1] ?? '');
const status = $('status');
let form = null;
let sent = null; // The form as last sent: its role says whether the mentor search is offered.

async function load() {
  let response;
  try {
    response = await fetch(`/api/register/${encodeURIComponent(code)}`);
  } catch (error) {
    sayIn(status, t('register.unreachable', { error: error.message }), true);
    return;
  }
  const page = await response.json().catch(() => ({}));
  if (!response.ok) {
    $('title').textContent = page.title && response.status !== 404 ? t('register.titleRegistration') : t('register.noSuchLink');
    sayIn(status, problemText(page, t('register.linkBroken')), true);
    return;
  }
  document.title = t('register.docTitleEvent', { title: page.title });
  $('title').textContent = page.title;
  $('when').textContent = eventWhen(page.startsAt, page.timeZone);
  if (!page.open) {
    $('state').textContent = page.closesAt
      ? t('register.closedUntil', { when: eventWhen(page.closesAt, page.timeZone) })
      : t('register.closed');
    $('state').classList.add('warning');
    return;
  }
  const open = page.closesAt ? t('register.openUntil', { when: eventWhen(page.closesAt, page.timeZone) }) : t('register.open');
  const domains = page.domains.length
    ? t('register.domains', { domains: new Intl.ListFormat(lang, { type: 'disjunction' }).format(page.domains) })
    : '';
  $('state').textContent = [open, domains].filter(Boolean).join(' ');
  form = profileForm($('fields'), { competencies: page.competencies, formats: page.formats, privacyNotice: page.privacyNotice, mode: page.mode, ownTimeZone: true, askLanguage: true });
  $('register-form').hidden = false;
  applyLimits($('register-form'));
  // The button works once this script has wired the form: a tap before that would reload the page and lose the form.
  $('register').disabled = false;
}

$('register-form').addEventListener('submit', (event) => {
  event.preventDefault();
  form.submit({
    button: $('register'),
    status,
    again: t('register.register'),
    send: async (body) => {
      sent = body;
      const response = await fetch(`/api/register/${encodeURIComponent(code)}`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body) });
      return { ok: response.ok, body: await response.json().catch(() => ({})) };
    },
    done: (answer) => done(answer, sent),
  });
});

function done(answer, body) {
  sayIn(status, '');
  $('register-form').hidden = true;
  $('done').hidden = false;
  if (answer.status === 'pending') {
    $('done-title').textContent = t('register.checkMail');
    $('done-text').textContent = answer.message ?? t('register.pendingText');
  } else {
    $('done-title').textContent = t('register.registered');
    $('done-text').textContent = answer.message ?? (answer.emailed ? t('register.emailedText') : t('register.keepLink'));
    if (answer.token) {
      keepToken(answer.token);
      $('personal-link').value = new URL(answer.link, location.origin).toString();
      $('link-box').hidden = false;
      $('to-profile').href = answer.link;
      $('to-profile').hidden = false;
      if (canBeMentee(body.role)) {
        $('to-mentors').href = personalPath('/mentors', answer.token);
        $('to-mentors').hidden = false;
      }
    }
  }
  $('done').focus();
}

copyOnClick($('copy-link'), $('personal-link'), $('copy-status'));

load();
