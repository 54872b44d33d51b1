// The host's online page: the event's mode, the video room of each online table (a pattern, or a CSV of rooms made
// already), replacing a broken room mid-event, and a prompt per round. Only the host link (key in the fragment, then
// on this laptop) works. Room links are shown as links that open a new tab: never embedded.
import { $, count, el, problemText, sayIn } from './dom.js';
import { eventWhen } from './personal.js';

const eventId = location.pathname.split('/').filter(Boolean)[1];
const key = hostKey();
let eventView = null;
let online = null;

function hostKey() {
  const stored = `flashmentoring.host.${eventId}`;
  const fromLink = new URLSearchParams(location.hash.slice(1)).get('key');
  if (fromLink) localStorage.setItem(stored, fromLink);
  return fromLink ?? localStorage.getItem(stored);
}

const say = (text, isError = false) => sayIn($('status'), text, isError);

async function api(path, options = {}) {
  const json = typeof options.body === 'string' && !options.headers ? { 'Content-Type': 'application/json' } : {};
  const response = await fetch(`/api/events/${eventId}${path}`, { ...options, headers: { 'X-Host-Key': key ?? '', ...json, ...(options.headers ?? {}) } });
  const body = await response.json().catch(() => ({}));
  return { ok: response.ok, status: response.status, body };
}

const put = (path, value) => api(path, { method: 'PUT', body: JSON.stringify(value) });

async function load() {
  $('console-link').href = `/host/${eventId}`;
  const [event, view] = await Promise.all([api('/host'), api('/online')]);
  if (!event.ok || !view.ok) {
    say(event.status === 403 ? 'This page needs the host link: open the host link you got when you created the event, then "Video rooms and prompts".'
      : problemText(event.body, 'The event could not be loaded'), true);
    return;
  }
  eventView = event.body;
  document.title = `${eventView.title} - online and hybrid`;
  $('title').textContent = eventView.title;
  $('when').textContent = eventWhen(eventView.startsAt, null);
  for (const id of ['mode-form', 'pattern-form', 'csv-form', 'tables-card', 'prompts-form']) $(id).hidden = false;
  show(view.body);
  $('pattern').value = view.body.pattern ?? '';
  preview();
}

function show(view) {
  online = view;
  for (const radio of document.querySelectorAll('input[name=mode]')) radio.checked = radio.value === view.mode;
  showTables(view.tables);
  showPrompts(view.prompts, formatDefaults(view));
}

// Mode

$('mode-form').addEventListener('submit', async (event) => {
  event.preventDefault();
  const mode = document.querySelector('input[name=mode]:checked')?.value;
  if (!mode) return;
  const answer = await put('/mode', { mode });
  if (!answer.ok) {
    say(problemText(answer.body, 'The mode was not changed'), true);
    return;
  }
  show(answer.body);
  const rooms = answer.body.tables.filter((t) => t.online).length;
  say(mode === 'in-person' ? 'Saved: everyone meets in the room.'
    : `Saved: ${mode}. ${count(rooms, 'table meets', 'tables meet')} online.${rooms && !answer.body.tables.some((t) => t.link) ? ' Next: give the rooms a link pattern or a CSV.' : ''}`);
});

// Rooms: the pattern, with a preview of the room it makes for the first table

// The same name the server makes from the title: lower-case letters and digits, dashes between words, 30 at most.
function slug(title) {
  const plain = title.normalize('NFD').replace(/[\u0300-\u036f]/g, '').toLowerCase();
  return plain.replace(/[^a-z0-9]+/g, '-').slice(0, 30).replace(/^-+|-+$/g, '');
}

function preview() {
  const pattern = $('pattern').value.trim();
  const box = $('pattern-preview');
  if (!pattern) {
    box.textContent = online?.pattern ? 'Save to remove the pattern: only rooms from a CSV stay.' : '';
    return;
  }
  // The first online table (table 1 in an online event); its real room once the pattern is saved.
  const first = online?.tables.find((t) => t.online);
  if (first?.source === 'pattern' && pattern === online.pattern) {
    box.textContent = `Table ${first.table}'s room: ${first.link}`;
    return;
  }
  const table = first?.table ?? 1;
  const sample = pattern.replaceAll('{event}', `${slug(eventView?.title ?? '')}-a1b2c3d4e5f6`).replaceAll('{table}', String(table));
  box.textContent = pattern.includes('{event}') && pattern.includes('{table}')
    ? `Table ${table}'s room will look like: ${sample} (a1b2c3d4e5f6 stands for the random part made when you save).`
    : 'Put {event} and {table} in the link.';
}

$('pattern').addEventListener('input', preview);

async function savePattern(pattern) {
  const answer = await put('/rooms/pattern', { pattern });
  const error = $('pattern-error');
  if (!answer.ok) {
    const text = answer.body.errors?.pattern?.[0] ?? problemText(answer.body, 'The pattern was not saved');
    error.textContent = text;
    error.hidden = false;
    $('pattern').setAttribute('aria-invalid', 'true');
    say(`The pattern was not saved: ${text}`, true);
    $('pattern').focus();
    return;
  }
  error.hidden = true;
  $('pattern').removeAttribute('aria-invalid');
  show(answer.body);
  $('pattern').value = answer.body.pattern ?? '';
  preview();
  say(pattern ? 'Pattern saved: each online table has its room, listed below.' : 'Pattern removed.');
}

$('pattern-form').addEventListener('submit', (event) => {
  event.preventDefault();
  savePattern($('pattern').value.trim() || null);
});
$('clear-pattern').addEventListener('click', () => savePattern(null));

// Rooms: a CSV of rooms made already. The file goes as its bytes, so the server reads its encoding as for a roster.

$('rooms-file').addEventListener('change', () => {
  const file = $('rooms-file').files[0];
  sayIn($('rooms-file-note'), file ? `${file.name} will be sent as it is; the answer lists any line to fix.` : '');
});

$('csv-form').addEventListener('submit', async (event) => {
  event.preventDefault();
  const file = $('rooms-file').files[0];
  if (!file) {
    say('Choose the rooms file first.', true);
    return;
  }
  const answer = await api('/rooms', { method: 'PUT', headers: { 'Content-Type': 'text/csv' }, body: file });
  const problems = answer.body.problems ?? [];
  $('room-problems').replaceChildren(...problems.map((p) => {
    const row = el('tr');
    row.append(el('td', `Line ${p.line}`), el('td', p.text));
    return row;
  }));
  $('room-problems-box').hidden = problems.length === 0;
  if (!answer.ok) {
    say(problemText(answer.body, 'The rooms were not saved'), true);
    if (problems.length) $('room-problems-box').focus();
    return;
  }
  show(answer.body);
  const used = answer.body.tables.filter((t) => t.source === 'csv').length;
  say(`${count(used, 'room')} from the file saved.${problems.length ? ` ${count(problems.length, 'line needs', 'lines need')} fixing, listed below.` : ''}`);
  if (problems.length) $('room-problems-box').focus();
});

// The tables and their rooms, with "Replace" for a broken link

const meets = (t) => (t.online ? 'Online' : 'In the room');
const sourceText = { pattern: 'from the pattern', csv: 'from your file', replaced: 'replaced' };

function showTables(tables) {
  $('tables-none').hidden = tables.length > 0;
  $('tables').replaceChildren(...tables.map((t) => {
    const row = el('tr', null, { id: `table-${t.table}` });
    const room = el('td');
    if (t.link) {
      room.append(el('a', t.link, { href: t.link, target: '_blank', rel: 'noopener noreferrer', class: 'room-link' }), el('span', ` (${sourceText[t.source] ?? ''})`, { class: 'note' }));
    } else {
      room.append(el('span', t.online ? 'No room yet' : '-', { class: 'note' }));
    }
    const change = el('td');
    if (t.online) {
      const button = el('button', 'Replace', { type: 'button', class: 'small secondary', 'aria-label': `Replace table ${t.table}'s room` });
      button.addEventListener('click', () => replaceForm(change, t));
      change.append(button);
    }
    row.append(el('td', String(t.table)), el('td', t.mentor), el('td', meets(t)), room, change);
    return row;
  }));
}

function replaceForm(cell, table) {
  const id = `replace-${table.table}`;
  const form = el('form', null, { class: 'replace' });
  const input = el('input', null, { id, type: 'url', required: '', autocomplete: 'off', spellcheck: 'false', placeholder: 'https://' });
  const save = el('button', 'Save', { type: 'submit', class: 'small' });
  const cancel = el('button', 'Cancel', { type: 'button', class: 'small secondary' });
  form.append(el('label', `New link for table ${table.table}`, { for: id }), input, save, cancel);
  cancel.addEventListener('click', () => show(online));
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    const answer = await put(`/rooms/${table.table}`, { link: input.value.trim() });
    if (!answer.ok) {
      say(answer.body.errors?.link?.[0] ?? problemText(answer.body, 'The room was not replaced'), true);
      input.focus();
      return;
    }
    say(`Table ${answer.body.table}'s room replaced; ${count(answer.body.told, 'person', 'people')} at that table told at once.`);
    const fresh = await api('/online');
    if (fresh.ok) show(fresh.body);
  });
  cell.replaceChildren(form);
  input.focus();
}

// Prompts: per round, one of the format's starters, your own words, or none

// The view names the format as its defaults do, whichever spelling the host typed ("peer", "PeerToPeer").
const formatDefaults = (view) => view.defaults[view.format];

function showPrompts(prompts, defaults) {
  $('prompts').replaceChildren(...prompts.map((p) => {
    const box = el('div', null, { class: 'prompt-round' });
    const selectId = `prompt-${p.round}`;
    const ownId = `prompt-own-${p.round}`;
    const select = el('select', null, { id: selectId, 'data-round': String(p.round) });
    defaults.forEach((text, k) => select.append(el('option', text, { value: `d${k}` })));
    select.append(el('option', 'Write my own', { value: 'own' }), el('option', 'None', { value: 'none' }));
    const k = defaults.indexOf(p.text);
    select.value = p.text === null ? 'none' : k >= 0 ? `d${k}` : 'own';
    const own = el('input', null, { id: ownId, maxlength: '200', autocomplete: 'off', 'aria-label': `Round ${p.round}: your own prompt` });
    own.value = k >= 0 || p.text === null ? '' : p.text;
    own.hidden = select.value !== 'own';
    select.addEventListener('change', () => {
      own.hidden = select.value !== 'own';
      if (!own.hidden) own.focus();
    });
    box.append(el('label', `Round ${p.round}`, { for: selectId }), select, own);
    return box;
  }));
}

$('prompts-form').addEventListener('submit', async (event) => {
  event.preventDefault();
  const defaults = formatDefaults(online);
  const prompts = [...document.querySelectorAll('#prompts select')].map((select) => {
    if (select.value === 'none') return '';
    if (select.value === 'own') return $(`prompt-own-${select.dataset.round}`).value.trim();
    return defaults[Number(select.value.slice(1))];
  });
  const answer = await put('/prompts', { prompts });
  if (!answer.ok) {
    say(problemText(answer.body, 'The prompts were not saved'), true);
    return;
  }
  show(answer.body);
  say('Prompts saved: phones and the board show them from now on.');
});

load();
