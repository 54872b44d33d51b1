// Joining: type the code from the board (or arrive with it in the link), pick your name, get your personal link.
import { $, el, problemText, sayIn } from './dom.js';
import { lang, languageSwitch, plural, t } from './i18n.js';

const status = $('status');
let people = [];
const params = new URLSearchParams(location.search);
let code = params.get('code') ?? '';
// A join link that names a language (the board's QR for a Spanish event) passes it on to the phone and the privacy notice.
const askedLanguage = params.get('lang');
const ROLES = { mentor: t('join.role.mentor'), mentee: t('join.role.mentee'), both: t('join.role.both') };

// The switch keeps the choice on this device, where the phone page that follows reads it.
languageSwitch($('language'));
$('language').hidden = false;
if (askedLanguage) {
  for (const link of document.querySelectorAll('a[href^="/privacy"]')) link.href = `${link.getAttribute('href')}?lang=${encodeURIComponent(lang)}`;
}

$('code').value = code;
$('code-form').addEventListener('submit', (event) => { event.preventDefault(); find($('code').value); });
$('filter').addEventListener('input', showNames);
if (code) find(code);

async function find(value) {
  code = value.trim().toUpperCase();
  sayIn(status, t('join.looking'));
  try {
    const response = await fetch(`/api/join/${encodeURIComponent(code)}`);
    const body = await response.json().catch(() => ({}));
    if (!response.ok) {
      sayIn(status, problemText(body, t('join.noEvent')), true);
      return;
    }
    people = body.people;
    $('event-title').textContent = body.title;
    $('names-card').hidden = false;
    sayIn(status, people.length ? plural('join.people', people.length) : t('join.noPeople'));
    showNames();
    $('filter').focus();
  } catch (error) {
    sayIn(status, t('join.unreachable', { reason: error.message }), true);
  }
}

function showNames() {
  const wanted = $('filter').value.trim().toLocaleLowerCase();
  const shown = people.filter((p) => !wanted || p.name.toLocaleLowerCase().includes(wanted)).slice(0, 60);
  $('names').replaceChildren(...shown.map((p) => {
    const role = ROLES[p.role] ?? p.role;
    const button = el('button', p.name, { type: 'button', class: 'name' });
    button.append(el('span', p.taken ? t('join.taken', { role }) : role, { class: 'role' }));
    button.addEventListener('click', () => pick(p));
    const item = el('li');
    item.append(button);
    return item;
  }));
}

async function pick(person) {
  sayIn(status, t('join.opening', { name: person.name }));
  const response = await fetch(`/api/join/${encodeURIComponent(code)}/people/${encodeURIComponent(person.pick)}`, { method: 'POST' });
  const body = await response.json().catch(() => ({}));
  if (!response.ok) {
    sayIn(status, problemText(body, t('join.notOpened')), true);
    refreshNames();
    return;
  }
  localStorage.setItem('flashmentoring.token', body.token);
  location.assign(personalLink(body.link));
}

// The phone opens in this page's language when the address chose it; otherwise it makes the same choice this page did
// (the device's switch, then the browser), and a language the person stored on their link wins there.
function personalLink(link) {
  if (!askedLanguage) return link;
  const [path, fragment = ''] = link.split('#');
  return `${path}?lang=${encodeURIComponent(lang)}${fragment ? `#${fragment}` : ''}`;
}

// After a refused pick the list may be out of date (someone joined, the host released a name): fetch it quietly.
async function refreshNames() {
  const response = await fetch(`/api/join/${encodeURIComponent(code)}`).catch(() => null);
  if (!response || !response.ok) return;
  people = (await response.json()).people;
  showNames();
}
