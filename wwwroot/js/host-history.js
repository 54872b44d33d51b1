// The host console's "Earlier events" card: which earlier events (or meetings.csv files) the plan takes into account,
// adding one by its host link (those this browser holds are offered by name) or by file, and this event's own
// meetings.csv for the next one. Every change re-plans on the server; the console then shows the new plan.
import { $, el, problemText, sayIn } from './dom.js';
import { format, plural, t } from './i18n.js';

const keyPrefix = 'flashmentoring.host.';

/**
 * Wires the card once: `api(path, options)` calls this event's host API, `download(path, name)` saves a host file,
 * `onChanged()` shows the plan made again. Returns `load()` (read and show the history) and `download()`.
 */
export function mountHistory({ api, eventId, download, onChanged }) {
  let shown = null;
  const status = (text, isError = false) => sayIn($('history-status'), text, isError);

  function show(view) {
    shown = view;
    $('history-card').hidden = false;
    $('history-summary').textContent = view.sources.length === 0
      ? t('history.none')
      : t('history.summary', {
        meetings: plural('history.meetings', view.meetings),
        pairs: plural('history.pairs', view.pastPairs),
        tablemates: plural('history.tablemates', view.pastTableMates),
      });
    $('history-sources').replaceChildren(...view.sources.map((source, index) => {
      const item = el('li');
      const what = source.kind === 'file' ? t('history.file', { name: source.label }) : source.label;
      item.append(el('span', t('history.source', { what, meetings: plural('history.meetingCount', source.meetings) }), { class: 'history-label' }));
      const remove = el('button', t('history.remove'), { type: 'button', class: 'small secondary', 'aria-label': t('history.removeName', { what }) });
      remove.disabled = !view.canChange;
      // The label goes too: if another tab changed the list since, the server refuses rather than remove another one.
      remove.addEventListener('click', () => change(`/history/sources/${index}?label=${encodeURIComponent(source.label)}`, { method: 'DELETE' }, t('history.removed', { what })));
      item.append(remove);
      return item;
    }));
    for (const id of ['history-add', 'history-upload']) $(id).disabled = !view.canChange;
    showKnown();
  }

  // Other events whose host key this browser keeps: offered by title, each proved with its key (a key that no longer
  // opens its event, or an event deleted since, is left out without a word).
  async function showKnown() {
    const added = new Set((shown?.sources ?? []).map((s) => s.eventId).filter(Boolean));
    const known = Object.keys(localStorage).filter((k) => k.startsWith(keyPrefix)).map((k) => ({ id: k.slice(keyPrefix.length), key: localStorage.getItem(k) }))
      .filter((e) => e.id !== eventId && !added.has(e.id) && e.key);
    const found = await Promise.all(known.map(async (e) => {
      try {
        const response = await fetch(`/api/events/${e.id}/host`, { headers: { 'X-Host-Key': e.key } });
        return response.ok ? { ...e, event: await response.json() } : null;
      } catch {
        return null;
      }
    }));
    const events = found.filter(Boolean).sort((a, b) => b.event.startsAt.localeCompare(a.event.startsAt));
    $('history-known-note').hidden = events.length === 0;
    $('history-known').replaceChildren(...events.map((e) => {
      const item = el('li');
      const date = format.date(e.event.startsAt, { weekday: undefined, month: 'short', year: 'numeric' });
      item.append(el('span', t('history.known', { title: e.event.title, date }), { class: 'history-label' }));
      const add = el('button', t('history.addShort'), { type: 'button', class: 'small', 'aria-label': t('history.addName', { title: e.event.title, date }) });
      add.disabled = !(shown?.canChange ?? true);
      add.addEventListener('click', () => addEvent({ eventId: e.id, hostKey: e.key }, e.event.title));
      item.append(add);
      return item;
    }));
  }

  async function change(path, options, done) {
    status(t('history.planning'));
    const answer = await api(path, options);
    if (!answer.ok) {
      status(problemText(answer.body, t('history.notChanged')), true);
      return null;
    }
    show(answer.body);
    status(done);
    await onChanged();
    return answer.body;
  }

  function addEvent(body, title) {
    return change('/history/events', { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body) },
      t('history.added', { title }));
  }

  $('history-add').addEventListener('click', async () => {
    const link = $('history-link').value.trim();
    if (!link) {
      status(t('history.pasteFirst'), true);
      $('history-link').focus();
      return;
    }
    if (await addEvent({ link }, t('history.theEarlierEvent'))) $('history-link').value = '';
  });

  // The file goes as its bytes: the server reads UTF-8, or Latin-1 from an old Excel, as for the roster.
  $('history-upload').addEventListener('click', async () => {
    const file = $('history-file').files[0];
    if (!file) {
      status(t('history.chooseFile'), true);
      $('history-file').focus();
      return;
    }
    const view = await change(`/history/file?name=${encodeURIComponent(file.name)}`, { method: 'PUT', headers: { 'Content-Type': 'text/csv' }, body: file },
      t('history.added', { title: file.name }));
    const problems = view?.problems ?? [];
    $('history-problems').hidden = problems.length === 0;
    $('history-problem-lines').replaceChildren(...problems.map((p) => {
      const row = el('tr');
      row.append(el('td', p.line === 0 ? t('history.wholeFile') : format.number(p.line)), el('td', p.text));
      return row;
    }));
    if (problems.length) status(plural('history.skipped', problems.length, { name: file.name }), true);
  });

  $('history-download').addEventListener('click', () => downloadMeetings());

  // Named after the event, as the server names it: two events' files uploaded elsewhere do not replace each other.
  function downloadMeetings() {
    const slug = $('title').textContent.normalize('NFD').replace(/[\u0300-\u036f]/g, '').toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-+|-+$/g, '').slice(0, 60);
    return download('/meetings.csv', `meetings-${slug || 'event'}.csv`);
  }

  return {
    async load() {
      const answer = await api('/history');
      if (answer.ok) show(answer.body);
    },
    download: downloadMeetings,
  };
}
