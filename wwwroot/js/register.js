// The public registration page: the event, whether it is open, and the profile form. A new registration gets its
// personal link (shown here when no e-mail carries it); an e-mail already registered waits for its owner's confirmation.
import { $, copyOnClick, problemText, sayIn } from './dom.js';
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
    sayIn(status, `Could not reach the event: ${error.message}. Check your connection and reload the page.`, true);
    return;
  }
  const page = await response.json().catch(() => ({}));
  if (!response.ok) {
    $('title').textContent = page.title && response.status !== 404 ? 'Registration' : 'No registration with this link';
    sayIn(status, problemText(page, 'This registration link does not work'), true);
    return;
  }
  document.title = `Register: ${page.title} - FlashMentoring`;
  $('title').textContent = page.title;
  $('when').textContent = eventWhen(page.startsAt, page.timeZone);
  if (!page.open) {
    $('state').textContent = page.closesAt
      ? `Registration is closed. It was open until ${eventWhen(page.closesAt, page.timeZone)}. Ask the event's host to add you.`
      : 'Registration is closed. Ask the event\'s host to add you.';
    $('state').classList.add('warning');
    return;
  }
  const until = page.closesAt ? ` until ${eventWhen(page.closesAt, page.timeZone)}` : '';
  const domains = page.domains.length ? ` Use your work e-mail at ${page.domains.join(' or ')}.` : '';
  $('state').textContent = `Registration is open${until}.${domains}`;
  form = profileForm($('fields'), { competencies: page.competencies, formats: page.formats, privacyNotice: page.privacyNotice, mode: page.mode, ownTimeZone: true });
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
    again: 'Register',
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
    $('done-title').textContent = 'Check your e-mail';
    $('done-text').textContent = answer.message ?? 'This e-mail is already registered. Open your personal link to confirm the new details.';
  } else {
    $('done-title').textContent = 'You are registered';
    $('done-text').textContent = answer.message ?? (answer.emailed ? 'Your personal link is on its way to your e-mail.' : 'Keep your personal link.');
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
