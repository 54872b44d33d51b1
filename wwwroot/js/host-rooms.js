// The console's "Video rooms" panel, during a round of an online or hybrid event: per online table, who has not said
// they are in the room (once a minute has gone) and who their mentor reported missing, with "Mark absent".
import { $, el } from './dom.js';
import { format, t } from './i18n.js';

/**
 * Mounts the panel. `api` is the console's host-key fetch, `say` its status line, `now` the server's clock in ms.
 * Returns the hub handlers it needs and `clock(view)`, to call with every clock the console sees.
 */
export function mountVideoRooms({ api, say, now }) {
  const card = $('video-rooms');
  let timer = null;
  let shownRound = -1;

  async function load() {
    const answer = await api('/presence');
    if (!answer.ok) return;
    show(answer.body);
    // One more look a minute into the round, when whoever has not joined starts to count as late.
    clearTimeout(timer);
    if (answer.body.roundStartedAt && !answer.body.late) {
      timer = setTimeout(load, Math.max(0, Date.parse(answer.body.roundStartedAt) + 60_000 - now()));
    }
  }

  function show(view) {
    card.hidden = view.tables.length === 0;
    shownRound = view.round;
    $('video-rooms-when').textContent = view.late ? t('online.presenceLate', { n: view.round }) : t('online.presenceEarly', { n: view.round });
    $('video-rooms-tables').replaceChildren(...view.tables.map((entry) => tableBox(entry, view.late)));
  }

  function tableBox(table, late) {
    const box = el('div');
    const heading = el('h3');
    heading.append(`${t('online.presenceTable', { table: table.table, mentor: table.mentor })} `);
    if (table.link) heading.append(el('a', t('online.presenceOpenRoom', { table: table.table }), { href: table.link, target: '_blank', rel: 'noopener noreferrer' }));
    const notJoined = late ? table.people.filter((p) => !p.inRoom && !p.missing && p.status !== 'absent').map((p) => p.name) : [];
    if (late && !table.mentorInRoom) notJoined.unshift(t('online.presenceMentor', { name: table.mentor }));
    const missing = table.people.filter((p) => p.missing && p.status !== 'absent');
    box.append(heading);
    if (notJoined.length) box.append(el('p', t('online.presenceNotJoined', { names: format.list(notJoined) })));
    if (missing.length) {
      box.append(el('p', t('online.presenceMissing')));
      const list = el('ul');
      for (const person of missing) {
        const item = el('li', `${person.name} `);
        const button = el('button', t('online.markAbsent'), { type: 'button', class: 'small secondary', 'aria-label': t('online.markAbsentLabel', { name: person.name }) });
        button.addEventListener('click', () => markAbsent(person, button));
        item.append(button);
        list.append(item);
      }
      box.append(list);
    }
    if (late && !notJoined.length && !missing.length) box.append(el('p', t('online.everyoneIn'), { class: 'note' }));
    return box;
  }

  async function markAbsent(person, button) {
    button.disabled = true;
    const answer = await api(`/people/${person.personId}/status`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ status: 'absent' }) });
    say(answer.ok ? answer.body.message ?? t('online.markedAbsent', { name: person.name })
      : t('online.notMarkedAbsent', { name: person.name, reason: answer.body.detail ?? t('online.tryAgain') }), !answer.ok);
    load();
  }

  return {
    handlers: { PresenceChanged: () => { load(); } },
    clock(view) {
      const on = view.phase === 'round' || (view.phase === 'paused' && shownRound > 0);
      if (on || shownRound !== 0) load();
    },
  };
}
