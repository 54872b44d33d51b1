// Check-in, shared by the host console and the helper page at the door: the list of people (here, absent, "I'm here"
// to confirm), walk-ins, a person's personal-link QR code, and what the last change did (who moved where). The page
// passes its own `api` (which sends the host key or the helper key) and `headers` for the requests it fetches itself.
import { $, el, problemText } from './dom.js';
import { offerReprint } from './reprint.js';

const time = (instant) => new Date(instant).toLocaleTimeString([], { hour: '2-digit', minute: '2-digit' });

// The desk both the host console and the helper page show: find a person, add a walk-in, see the last change.
const desk = `
<label for="people-filter">Find a person</label>
<input id="people-filter" type="search" autocomplete="off">
<form id="walk-in-form" class="walk-in" aria-labelledby="walk-in-title">
  <h3 id="walk-in-title">Walk-in</h3>
  <div class="grid-fields">
    <label>Name <input id="walk-in-name" required maxlength="200" data-limit="maxName"></label>
    <label>Role <select id="walk-in-role"><option value="mentee">Mentee</option><option value="mentor">Mentor (opens a table)</option></select></label>
    <label>Email (optional) <input id="walk-in-email" type="email" maxlength="1000" data-limit="maxField"></label>
    <label>Agency (optional) <input id="walk-in-agency" maxlength="1000" data-limit="maxField"></label>
    <label id="walk-in-attends-field" hidden>How they take part <select id="walk-in-attends"><option value="in-person">In the room</option><option value="online">Online (video)</option></select></label>
  </div>
  <button type="submit">Add the walk-in</button> <span class="note">They join from the next round.</span>
</form>
<section id="checkin-result" class="checkin-result" hidden aria-labelledby="checkin-result-title">
  <h3 id="checkin-result-title">The last change</h3>
  <p id="checkin-message"></p>
  <h4 id="moves-title">Who moves where</h4>
  <ul id="moves" class="moves"></ul>
</section>
`;

/**
 * Wires the check-in card. `say(text, isError)` is the page's status line; `onChanged()` runs after a change this
 * page made (the console reloads its plan). With `host` set, the card also offers the reprint of what changed and the
 * helper link. Returns `load()` (resolves to the people) and the hub `handlers` to merge into the page's connectLive.
 */
export function mountCheckIn({ eventId, api, headers, say, onChanged = () => {}, host = false }) {
  $('checkin-desk').innerHTML = desk;
  let people = [];

  async function load() {
    const answer = await api('/people');
    if (!answer.ok) return people;
    people = answer.body;
    $('people-card').hidden = people.length === 0 && host;
    // Only a hybrid event says, per person, whether they are in the room or online.
    $('walk-in-attends-field').hidden = !people.some((p) => p.attends);
    show();
    return people;
  }

  function show() {
    const wanted = $('people-filter').value.trim().toLocaleLowerCase();
    const asking = people.filter((p) => p.hereAskedAt).length;
    $('asking').textContent = asking ? `${asking} marked absent say they are here: confirm them below.` : '';
    $('people').replaceChildren(...people.filter((p) => !wanted || p.name.toLocaleLowerCase().includes(wanted)).map(row));
  }

  function row(p) {
    const tr = el('tr', null, p.hereAskedAt ? { class: 'asks-back' } : {});
    const actions = el('td');
    if (p.hereAskedAt) {
      actions.append(el('span', `asks to be back (${time(p.hereAskedAt)}) `, { class: 'asks' }));
      const confirm = el('button', 'Confirm', { type: 'button', class: 'small', 'aria-label': `Confirm: ${p.name} is here` });
      confirm.addEventListener('click', () => setStatus(p, 'arrived'));
      actions.append(confirm);
    }
    for (const next of ['arrived', 'absent']) {
      const label = next === 'arrived' ? 'Here' : 'Absent';
      const button = el('button', label, { type: 'button', class: 'small', 'aria-pressed': String(p.status === next), 'aria-label': `${label}: ${p.name}` });
      button.addEventListener('click', () => setStatus(p, next));
      actions.append(button);
    }
    const phone = el('td', p.claimedAt ? `joined ${time(p.claimedAt)} ` : p.newLinkPending ? 'new link not opened yet ' : 'no phone yet');
    if (p.claimedAt) {
      const release = el('button', 'Release', { type: 'button', class: 'small secondary', 'aria-label': `Release: a new personal link for ${p.name}` });
      release.addEventListener('click', () => releaseClaim(p));
      phone.append(release);
    } else if (p.newLinkPending) {
      const qr = el('button', 'Show QR', { type: 'button', class: 'small secondary', 'aria-label': `Show the QR code of the new link of ${p.name}` });
      qr.addEventListener('click', () => showLinkQr(p));
      phone.append(qr);
    }
    if (p.attends) {
      const other = p.attends === 'online' ? 'in-person' : 'online';
      const label = other === 'online' ? 'Now online' : 'Now in the room';
      const toggle = el('button', label, { type: 'button', class: 'small secondary', 'aria-label': `${label}: ${p.name}` });
      toggle.addEventListener('click', () => setAttends(p, other));
      actions.append(toggle);
    }
    const status = p.status === 'arrived' ? 'here' : p.status;
    const role = p.attends ? `${p.role}, ${p.attends === 'online' ? 'online' : 'in the room'}` : p.role;
    tr.append(el('td', p.name, { class: 'who' }), el('td', role), el('td', status), actions, phone);
    if (host) {
      const linkCell = el('td');
      linkCell.append(el('a', 'preview', { href: `${p.link}&preview`, target: '_blank', rel: 'noopener', 'aria-label': `preview the phone of ${p.name}` }));
      tr.append(linkCell);
    }
    return tr;
  }

  async function setStatus(person, next) {
    say(`Marking ${person.name} ${next === 'arrived' ? 'here' : 'absent'}…`);
    const answer = await api(`/people/${person.id}/status`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ status: next }) });
    if (!answer.ok) {
      say(problemText(answer.body, 'Check-in failed'), true);
      return;
    }
    done(answer.body);
    await Promise.all([load(), onChanged()]);
  }

  // In a hybrid event: the person switches between the room and online; they move to tables of that kind.
  async function setAttends(person, attends) {
    say(`Moving ${person.name} ${attends === 'online' ? 'online' : 'to the room'}…`);
    const answer = await api(`/people/${person.id}/attends`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ attends }) });
    if (!answer.ok) {
      say(problemText(answer.body, 'Not switched'), true);
      return;
    }
    done(answer.body);
    await Promise.all([load(), onChanged()]);
  }

  async function releaseClaim(person) {
    if (!confirm(`Give ${person.name} a new personal link? The phone that has the old one (and any printed QR code of it) loses it.`)) return;
    const answer = await api(`/people/${person.id}/release`, { method: 'POST' });
    if (!answer.ok) {
      say(problemText(answer.body, 'Could not release the link'), true);
      return;
    }
    say(`${person.name} has a new personal link: let them scan its QR code (their name stays held for it).`);
    await load();
    await showLinkQr(person);
  }

  // The QR code of a person's personal link, for them to scan at the desk (the image needs a key: fetched, not linked).
  async function showLinkQr(person) {
    const response = await fetch(`/api/events/${eventId}/people/${person.id}/link-qr.svg`, { headers: headers() });
    if (!response.ok) {
      say('Could not make the QR code; reload the page and try again.', true);
      return;
    }
    showQr(await response.blob(), `${person.name}'s personal link`, 'Let them scan this with their phone\'s camera.');
  }

  // What the last check-in or walk-in did: the sentence, everyone else who moved, and (for the host) a reprint.
  function done(result) {
    // The console's status line is far from this card; the helper's page shows the answer here only.
    say(host ? result.message : '');
    $('checkin-result').hidden = false;
    $('checkin-message').textContent = result.message;
    $('moves-title').hidden = result.moves.length === 0;
    $('moves').replaceChildren(...result.moves.map((m) => el('li', m.text)));
    if (host) offerReprint('reprint', { eventId, headers, reprint: result.reprint });
  }

  $('walk-in-form').addEventListener('submit', async (event) => {
    event.preventDefault();
    const body = { name: $('walk-in-name').value, role: $('walk-in-role').value, email: $('walk-in-email').value || null, agency: $('walk-in-agency').value || null };
    if (!$('walk-in-attends-field').hidden) body.attends = $('walk-in-attends').value;
    const answer = await api('/walk-ins', { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body) });
    if (!answer.ok) {
      say(problemText(answer.body, 'The walk-in was not added'), true);
      return;
    }
    done(answer.body);
    $('walk-in-form').reset();
    await Promise.all([load(), onChanged()]);
  });

  $('people-filter').addEventListener('input', show);
  if (host) mountHelperLink({ eventId, api, headers, say });

  const handlers = { PeopleChanged: () => { load(); } };
  // A re-plan made by a helper at the door: the host sees who moved where and gets the reprint offer too.
  if (host) handlers.CheckInDone = (result) => { done(result); };
  return { load, handlers };
}

function showQr(blob, title, note) {
  const image = $('qr-image');
  if (image.src.startsWith('blob:')) URL.revokeObjectURL(image.src);
  image.src = URL.createObjectURL(blob);
  $('qr-title').textContent = title;
  $('qr-note').textContent = note;
  $('qr-dialog').showModal();
}

// "Helpers at the door": a second link that does check-in and walk-ins only. Its key is shown once by the server, so
// this laptop keeps it (as it keeps the host key) to show its QR code again.
function mountHelperLink({ eventId, api, headers, say }) {
  const stored = `flashmentoring.helper.${eventId}`;

  async function refresh() {
    const state = await api('/helper-link');
    const active = state.ok && state.body.active;
    const link = active ? localStorage.getItem(stored) : null;
    $('helper-state').textContent = !active ? 'No helper link yet.'
      : link ? 'A helper link is active. Show its QR code to a helper\'s phone.'
        : 'A helper link made on another device is active. Make a new one to show it here (the old one stops).';
    $('helper-link').hidden = !link;
    $('helper-link').textContent = link ?? '';
    $('helper-link').href = link ?? '#';
    $('helper-qr').hidden = !link;
    $('helper-revoke').hidden = !active;
    $('helper-make').textContent = active ? 'Make a new helper link' : 'Make a helper link';
  }

  $('helper-make').addEventListener('click', async () => {
    const answer = await api('/helper-link', { method: 'POST' });
    if (!answer.ok) {
      say(problemText(answer.body, 'No helper link made'), true);
      return;
    }
    localStorage.setItem(stored, answer.body.link);
    say('New helper link made; any older one stops working now.');
    await refresh();
  });

  $('helper-revoke').addEventListener('click', async () => {
    if (!confirm('Stop the helper link? Helpers with it lose the check-in list at once.')) return;
    const answer = await api('/helper-link', { method: 'DELETE' });
    if (!answer.ok && answer.status !== 204) {
      say(problemText(answer.body, 'The helper link was not stopped'), true);
      return;
    }
    localStorage.removeItem(stored);
    say('The helper link is stopped.');
    await refresh();
  });

  $('helper-qr').addEventListener('click', async () => {
    const link = localStorage.getItem(stored) ?? '';
    const key = new URLSearchParams(link.split('#')[1] ?? '').get('key') ?? '';
    const response = await fetch(`/api/events/${eventId}/helper-link/qr.svg`, { headers: { ...headers(), 'X-Helper-Key': key } });
    if (!response.ok) {
      say('That helper link no longer works; make a new one.', true);
      await refresh();
      return;
    }
    showQr(await response.blob(), 'Helper link', 'Let the helper scan this with their phone\'s camera. It opens check-in and walk-ins only.');
  });

  refresh();
}
