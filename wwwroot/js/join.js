// Joining: type the code from the board (or arrive with it in the link), pick your name, get your personal link.
import { $, el, problemText, sayIn } from './dom.js';

const status = $('status');
let people = [];
let code = new URLSearchParams(location.search).get('code') ?? '';

$('code').value = code;
$('code-form').addEventListener('submit', (event) => { event.preventDefault(); find($('code').value); });
$('filter').addEventListener('input', showNames);
if (code) find(code);

async function find(value) {
  code = value.trim().toUpperCase();
  sayIn(status, 'Looking for the event…');
  try {
    const response = await fetch(`/api/join/${encodeURIComponent(code)}`);
    const body = await response.json().catch(() => ({}));
    if (!response.ok) {
      sayIn(status, problemText(body, 'No event with this code'), true);
      return;
    }
    people = body.people;
    $('event-title').textContent = body.title;
    $('names-card').hidden = false;
    sayIn(status, people.length ? `${people.length} people are on the list. Tap your name.` : 'The host has not uploaded the list of people yet; try again in a moment.');
    showNames();
    $('filter').focus();
  } catch (error) {
    sayIn(status, `Could not reach the event: ${error.message}. Check the Wi-Fi and try again.`, true);
  }
}

function showNames() {
  const wanted = $('filter').value.trim().toLocaleLowerCase();
  const shown = people.filter((p) => !wanted || p.name.toLocaleLowerCase().includes(wanted)).slice(0, 60);
  $('names').replaceChildren(...shown.map((p) => {
    const button = el('button', p.name, { type: 'button', class: 'name' });
    button.append(el('span', p.taken ? `${p.role}, already joined` : p.role, { class: 'role' }));
    button.addEventListener('click', () => pick(p));
    const item = el('li');
    item.append(button);
    return item;
  }));
}

async function pick(person) {
  sayIn(status, `Opening ${person.name}'s table…`);
  const response = await fetch(`/api/join/${encodeURIComponent(code)}/people/${encodeURIComponent(person.pick)}`, { method: 'POST' });
  const body = await response.json().catch(() => ({}));
  if (!response.ok) {
    sayIn(status, problemText(body, 'Could not open your table'), true);
    refreshNames();
    return;
  }
  localStorage.setItem('flashmentoring.token', body.token);
  location.assign(body.link);
}

// After a refused pick the list may be out of date (someone joined, the host released a name): fetch it quietly.
async function refreshNames() {
  const response = await fetch(`/api/join/${encodeURIComponent(code)}`).catch(() => null);
  if (!response || !response.ok) return;
  people = (await response.json()).people;
  showNames();
}
