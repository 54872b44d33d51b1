// The host's online page: the event's mode, the video room of each online table (a pattern, or a CSV of rooms made
// already), replacing a broken room mid-event, and a prompt per round. Only the host link (key in the fragment, then
// on this laptop) works. Room links are shown as links that open a new tab: never embedded.
import { $, el, problemText, sayIn } from './dom.js';
import { eventApi, eventId, hostKey } from './event-api.js';
import { lang, plural, t } from './i18n.js';

const api = eventApi({ 'X-Host-Key': hostKey() ?? '' });
let eventView = null;
let online = null;

const say = (text, isError = false) => sayIn($('status'), text, isError);

const put = (path, value) => api(path, { method: 'PUT', body: JSON.stringify(value) });

async function load() {
  $('console-link').href = `/host/${eventId}`;
  const [event, view] = await Promise.all([api('/host'), api('/online')]);
  if (!event.ok || !view.ok) {
    say(event.status === 403 ? t('online.needsHostLink') : problemText(event.body, t('online.notLoaded')), true);
    return;
  }
  eventView = event.body;
  document.title = t('online.documentTitle', { title: eventView.title });
  $('title').textContent = eventView.title;
  // This laptop's clock, in the page's language.
  $('when').textContent = new Date(eventView.startsAt).toLocaleString(lang, { dateStyle: 'full', timeStyle: 'short' });
  for (const id of ['mode-form', 'pattern-form', 'csv-form', 'tables-card', 'prompts-form']) $(id).hidden = false;
  show(view.body);
  $('pattern').value = view.body.pattern ?? '';
  preview();
}

function show(view) {
  online = view;
  for (const radio of document.querySelectorAll('input[name=mode]')) radio.checked = radio.value === view.mode;
  showTables(view.tables);
  showPrompts(view.prompts, formatKeys(view));
}

// Mode

$('mode-form').addEventListener('submit', async (event) => {
  event.preventDefault();
  const mode = document.querySelector('input[name=mode]:checked')?.value;
  if (!mode) return;
  const answer = await put('/mode', { mode });
  if (!answer.ok) {
    say(problemText(answer.body, t('online.modeNotChanged')), true);
    return;
  }
  show(answer.body);
  const rooms = answer.body.tables.filter((t) => t.online).length;
  const saved = mode === 'in-person' ? t('online.savedInPerson')
    : mode === 'online' ? plural('online.savedOnline', rooms) : plural('online.savedHybrid', rooms);
  const next = mode !== 'in-person' && rooms && !answer.body.tables.some((table) => table.link) ? ` ${t('online.nextRooms')}` : '';
  say(saved + next);
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
    box.textContent = online?.pattern ? t('online.previewRemove') : '';
    return;
  }
  // The first online table (table 1 in an online event); its real room once the pattern is saved.
  const first = online?.tables.find((t) => t.online);
  if (first?.source === 'pattern' && pattern === online.pattern) {
    box.textContent = t('online.previewSaved', { table: first.table, link: first.link });
    return;
  }
  const table = first?.table ?? 1;
  const sample = pattern.replaceAll('{event}', `${slug(eventView?.title ?? '')}-a1b2c3d4e5f6`).replaceAll('{table}', String(table));
  box.textContent = pattern.includes('{event}') && pattern.includes('{table}')
    ? t('online.previewSample', { table, link: sample, random: 'a1b2c3d4e5f6' })
    : t('online.previewMissing');
}

$('pattern').addEventListener('input', preview);

async function savePattern(pattern) {
  const answer = await put('/rooms/pattern', { pattern });
  const error = $('pattern-error');
  if (!answer.ok) {
    const text = answer.body.errors?.pattern?.[0] ?? problemText(answer.body, t('online.patternNotSaved'));
    error.textContent = text;
    error.hidden = false;
    $('pattern').setAttribute('aria-invalid', 'true');
    say(t('online.patternNotSavedBecause', { reason: text }), true);
    $('pattern').focus();
    return;
  }
  error.hidden = true;
  $('pattern').removeAttribute('aria-invalid');
  show(answer.body);
  $('pattern').value = answer.body.pattern ?? '';
  preview();
  say(pattern ? t('online.patternSaved') : t('online.patternRemoved'));
}

$('pattern-form').addEventListener('submit', (event) => {
  event.preventDefault();
  savePattern($('pattern').value.trim() || null);
});
$('clear-pattern').addEventListener('click', () => savePattern(null));

// Rooms: a CSV of rooms made already. The file goes as its bytes, so the server reads its encoding as for a roster.

$('rooms-file').addEventListener('change', () => {
  const file = $('rooms-file').files[0];
  sayIn($('rooms-file-note'), file ? t('online.fileChosen', { file: file.name }) : '');
});

$('csv-form').addEventListener('submit', async (event) => {
  event.preventDefault();
  const file = $('rooms-file').files[0];
  if (!file) {
    say(t('online.chooseFile'), true);
    return;
  }
  const answer = await api('/rooms', { method: 'PUT', headers: { 'Content-Type': 'text/csv' }, body: file });
  const problems = answer.body.problems ?? [];
  $('room-problems').replaceChildren(...problems.map((p) => {
    const row = el('tr');
    row.append(el('td', t('online.lineNumber', { n: p.line })), el('td', p.text));
    return row;
  }));
  $('room-problems-box').hidden = problems.length === 0;
  if (!answer.ok) {
    say(problemText(answer.body, t('online.roomsNotSaved')), true);
    if (problems.length) $('room-problems-box').focus();
    return;
  }
  show(answer.body);
  const used = answer.body.tables.filter((t) => t.source === 'csv').length;
  say(plural('online.roomsSaved', used) + (problems.length ? ` ${plural('online.linesToFixCount', problems.length)}` : ''));
  if (problems.length) $('room-problems-box').focus();
});

// The tables and their rooms, with "Replace" for a broken link

const meets = (table) => (table.online ? t('online.meetsOnline') : t('online.meetsInRoom'));
const sourceText = { pattern: t('online.fromPattern'), csv: t('online.fromFile'), replaced: t('online.replaced') };

function showTables(tables) {
  $('tables-none').hidden = tables.length > 0;
  $('tables').replaceChildren(...tables.map((table) => {
    const row = el('tr', null, { id: `table-${table.table}` });
    const room = el('td');
    if (table.link) {
      room.append(el('a', table.link, { href: table.link, target: '_blank', rel: 'noopener noreferrer', class: 'room-link' }), el('span', ` (${sourceText[table.source] ?? ''})`, { class: 'note' }));
    } else {
      room.append(el('span', table.online ? t('online.noRoomYet') : '-', { class: 'note' }));
    }
    const change = el('td');
    if (table.online) {
      const button = el('button', t('online.replace'), { type: 'button', class: 'small secondary', 'aria-label': t('online.replaceLabel', { table: table.table }) });
      button.addEventListener('click', () => replaceForm(change, table));
      change.append(button);
    }
    row.append(el('td', String(table.table), { 'data-label': t('online.colTable') }), el('td', table.mentor), el('td', meets(table)), room, change);
    return row;
  }));
}

function replaceForm(cell, table) {
  const id = `replace-${table.table}`;
  const form = el('form', null, { class: 'replace' });
  const input = el('input', null, { id, type: 'url', required: '', autocomplete: 'off', spellcheck: 'false', placeholder: 'https://' });
  const save = el('button', t('online.save'), { type: 'submit', class: 'small' });
  const cancel = el('button', t('online.cancel'), { type: 'button', class: 'small secondary' });
  form.append(el('label', t('online.newLinkFor', { table: table.table }), { for: id }), input, save, cancel);
  cancel.addEventListener('click', () => show(online));
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    const answer = await put(`/rooms/${table.table}`, { link: input.value.trim() });
    if (!answer.ok) {
      say(answer.body.errors?.link?.[0] ?? problemText(answer.body, t('online.roomNotReplaced')), true);
      input.focus();
      return;
    }
    say(plural('online.roomReplaced', answer.body.told, { table: answer.body.table }));
    const fresh = await api('/online');
    if (fresh.ok) show(fresh.body);
  });
  cell.replaceChildren(form);
  input.focus();
}

// Prompts: per round, one of the format's starters, your own words, or none. Starters go by their text key, worded
// in this page's language; the host's own words are shown and sent as written.

// The view names the format as its starters do, whichever spelling the host typed ("peer", "PeerToPeer").
const formatKeys = (view) => view.defaultKeys[view.format];

function showPrompts(prompts, keys) {
  $('prompts').replaceChildren(...prompts.map((p) => {
    const box = el('div', null, { class: 'prompt-round' });
    const selectId = `prompt-${p.round}`;
    const ownId = `prompt-own-${p.round}`;
    const select = el('select', null, { id: selectId, 'data-round': String(p.round) });
    keys.forEach((key) => select.append(el('option', t(key), { value: key })));
    select.append(el('option', t('online.writeOwn'), { value: 'own' }), el('option', t('online.none'), { value: 'none' }));
    select.value = p.text === null ? 'none' : keys.includes(p.key) ? p.key : 'own';
    const own = el('input', null, { id: ownId, maxlength: '200', autocomplete: 'off', 'aria-label': t('online.ownPromptLabel', { n: p.round }) });
    own.value = select.value === 'own' ? p.text : '';
    own.hidden = select.value !== 'own';
    select.addEventListener('change', () => {
      own.hidden = select.value !== 'own';
      if (!own.hidden) own.focus();
    });
    box.append(el('label', t('common.round', { n: p.round }), { for: selectId }), select, own);
    return box;
  }));
}

$('prompts-form').addEventListener('submit', async (event) => {
  event.preventDefault();
  // A starter goes as its key: the server keeps it as a starter, and every reader gets it in their own language.
  const prompts = [...document.querySelectorAll('#prompts select')].map((select) => {
    if (select.value === 'none') return '';
    if (select.value === 'own') return $(`prompt-own-${select.dataset.round}`).value.trim();
    return select.value;
  });
  const answer = await put('/prompts', { prompts });
  if (!answer.ok) {
    say(problemText(answer.body, t('online.promptsNotSaved')), true);
    return;
  }
  show(answer.body);
  say(t('online.promptsSaved'));
});

load();
