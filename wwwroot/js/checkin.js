// Check-in, shared by the host console and the helper page at the door: the list of people (here, absent, "I'm here"
// to confirm), walk-ins, a person's personal-link QR code, and what the last change did (who moved where). The page
// passes its own `api` (which sends the host key or the helper key) and `headers` for the requests it fetches itself.
import { $, el, problemText } from './dom.js';
import { format, plural, t, translate } from './i18n.js';
import { offerReprint } from './reprint.js';

const time = (instant) => format.time(instant, { hour: '2-digit' });

// The people's states and roles, as the list words them (the server sends codes).
const STATUSES = { arrived: 'checkin.status.here', absent: 'checkin.status.absent', expected: 'checkin.status.expected' };
const ROLES = { mentor: 'checkin.role.mentor', mentee: 'checkin.role.mentee' };

// The desk both the host console and the helper page show: find a person, add a walk-in, see the last change.
// Its words come from the locale files (data-i18n, filled in by translate()).
const desk = `
<label for="people-filter" data-i18n="checkin.find">Find a person</label>
<input id="people-filter" type="search" autocomplete="off">
<form id="walk-in-form" class="walk-in" aria-labelledby="walk-in-title">
  <h3 id="walk-in-title" data-i18n="checkin.walkIn.title">Walk-in</h3>
  <div class="grid-fields">
    <label><span data-i18n="checkin.walkIn.name">Name</span> <input id="walk-in-name" required maxlength="200" data-limit="maxName"></label>
    <label><span data-i18n="checkin.walkIn.role">Role</span> <select id="walk-in-role"><option value="mentee" data-i18n="checkin.walkIn.mentee">Mentee</option><option value="mentor" data-i18n="checkin.walkIn.mentor">Mentor (opens a table)</option></select></label>
    <label><span data-i18n="checkin.walkIn.email">Email (optional)</span> <input id="walk-in-email" type="email" maxlength="1000" data-limit="maxField"></label>
    <label><span data-i18n="checkin.walkIn.agency">Agency (optional)</span> <input id="walk-in-agency" maxlength="1000" data-limit="maxField"></label>
    <label id="walk-in-attends-field" hidden><span data-i18n="checkin.walkIn.attends">How they take part</span> <select id="walk-in-attends"><option value="in-person" data-i18n="checkin.walkIn.inPerson">In the room</option><option value="online" data-i18n="checkin.walkIn.online">Online (video)</option></select></label>
  </div>
  <button type="submit" data-i18n="checkin.walkIn.add">Add the walk-in</button> <span class="note" data-i18n="checkin.walkIn.note">They join from the next round.</span>
</form>
<section id="checkin-result" class="checkin-result" hidden tabindex="-1" aria-labelledby="checkin-result-title">
  <h3 id="checkin-result-title" data-i18n="checkin.result.title">The last change</h3>
  <p id="checkin-message"></p>
  <h4 id="moves-title" data-i18n="checkin.result.moves">Who moves where</h4>
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
  translate($('checkin-desk'));
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
    $('asking').textContent = asking ? plural('checkin.asking', asking) : '';
    $('people').replaceChildren(...people.filter((p) => !wanted || p.name.toLocaleLowerCase().includes(wanted)).map(row));
  }

  function row(p) {
    const tr = el('tr', null, p.hereAskedAt ? { class: 'asks-back' } : {});
    const actions = el('td');
    if (p.hereAskedAt) {
      actions.append(el('span', `${t('checkin.asksBack', { time: time(p.hereAskedAt) })} `, { class: 'asks' }));
      const confirm = el('button', t('checkin.confirm'), { type: 'button', class: 'small', 'aria-label': t('checkin.confirmName', { name: p.name }) });
      confirm.addEventListener('click', () => setStatus(p, 'arrived'));
      actions.append(confirm);
    }
    for (const next of ['arrived', 'absent']) {
      const label = next === 'arrived' ? t('checkin.here') : t('checkin.absent');
      const button = el('button', label, { type: 'button', class: 'small', 'aria-pressed': String(p.status === next), 'aria-label': t('checkin.buttonName', { label, name: p.name }) });
      button.addEventListener('click', () => setStatus(p, next));
      actions.append(button);
    }
    const phone = el('td', p.claimedAt ? `${t('checkin.joined', { time: time(p.claimedAt) })} ` : p.newLinkPending ? `${t('checkin.newLinkPending')} ` : t('checkin.noPhone'));
    if (p.claimedAt) {
      const release = el('button', t('checkin.release'), { type: 'button', class: 'small secondary', 'aria-label': t('checkin.releaseName', { name: p.name }) });
      release.addEventListener('click', () => releaseClaim(p));
      phone.append(release);
    } else if (p.newLinkPending) {
      const qr = el('button', t('checkin.showQr'), { type: 'button', class: 'small secondary', 'aria-label': t('checkin.showQrName', { name: p.name }) });
      qr.addEventListener('click', () => showLinkQr(p));
      phone.append(qr);
    }
    if (p.attends) {
      const other = p.attends === 'online' ? 'in-person' : 'online';
      const label = other === 'online' ? t('checkin.nowOnline') : t('checkin.nowInRoom');
      const toggle = el('button', label, { type: 'button', class: 'small secondary', 'aria-label': t('checkin.buttonName', { label, name: p.name }) });
      toggle.addEventListener('click', () => setAttends(p, other));
      actions.append(toggle);
    }
    const status = STATUSES[p.status] ? t(STATUSES[p.status]) : p.status;
    const roleName = ROLES[p.role] ? t(ROLES[p.role]) : p.role;
    const role = p.attends ? t(p.attends === 'online' ? 'checkin.roleOnline' : 'checkin.roleInRoom', { role: roleName }) : roleName;
    tr.append(el('td', p.name, { class: 'who' }), el('td', role), el('td', status), actions, phone);
    if (host) {
      const linkCell = el('td');
      linkCell.append(el('a', t('checkin.preview'), { href: `${p.link}&preview`, target: '_blank', rel: 'noopener', 'aria-label': t('checkin.previewName', { name: p.name }) }));
      tr.append(linkCell);
    }
    return tr;
  }

  async function setStatus(person, next) {
    say(t(next === 'arrived' ? 'checkin.markingHere' : 'checkin.markingAbsent', { name: person.name }));
    const answer = await api(`/people/${person.id}/status`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ status: next }) });
    if (!answer.ok) {
      say(problemText(answer.body, t('checkin.failed')), true);
      return;
    }
    done(answer.body, true);
    await Promise.all([load(), onChanged()]);
  }

  // In a hybrid event: the person switches between the room and online; they move to tables of that kind.
  async function setAttends(person, attends) {
    say(t(attends === 'online' ? 'checkin.movingOnline' : 'checkin.movingToRoom', { name: person.name }));
    const answer = await api(`/people/${person.id}/attends`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ attends }) });
    if (!answer.ok) {
      say(problemText(answer.body, t('checkin.notSwitched')), true);
      return;
    }
    done(answer.body, true);
    await Promise.all([load(), onChanged()]);
  }

  async function releaseClaim(person) {
    if (!confirm(t('checkin.confirmRelease', { name: person.name }))) return;
    const answer = await api(`/people/${person.id}/release`, { method: 'POST' });
    if (!answer.ok) {
      say(problemText(answer.body, t('checkin.notReleased')), true);
      return;
    }
    say(t('checkin.released', { name: person.name }));
    await load();
    await showLinkQr(person);
  }

  // The QR code of a person's personal link, for them to scan at the desk (the image needs a key: fetched, not linked).
  async function showLinkQr(person) {
    const response = await fetch(`/api/events/${eventId}/people/${person.id}/link-qr.svg`, { headers: headers() });
    if (!response.ok) {
      say(t('checkin.noQr'), true);
      return;
    }
    showQr(await response.blob(), t('checkin.qr.titleOf', { name: person.name }), t('checkin.qr.note'));
  }

  // What the last check-in or walk-in did: the sentence, everyone else who moved, and (for the host) a reprint. A change
  // made here takes the focus to it (the row pressed is drawn again); one pushed from the door leaves the focus alone.
  function done(result, ours = false) {
    // The console's status line is far from this card; the helper's page shows the answer here only.
    say(host ? result.message : '');
    $('checkin-result').hidden = false;
    $('checkin-message').textContent = result.message;
    $('moves-title').hidden = result.moves.length === 0;
    $('moves').replaceChildren(...result.moves.map((m) => el('li', m.text)));
    if (host) offerReprint('reprint', { eventId, headers, reprint: result.reprint });
    if (ours) $('checkin-result').focus();
  }

  $('walk-in-form').addEventListener('submit', async (event) => {
    event.preventDefault();
    const body = { name: $('walk-in-name').value, role: $('walk-in-role').value, email: $('walk-in-email').value || null, agency: $('walk-in-agency').value || null };
    if (!$('walk-in-attends-field').hidden) body.attends = $('walk-in-attends').value;
    const answer = await api('/walk-ins', { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body) });
    if (!answer.ok) {
      say(problemText(answer.body, t('checkin.walkIn.notAdded')), true);
      return;
    }
    done(answer.body, true);
    $('walk-in-form').reset();
    await Promise.all([load(), onChanged()]);
  });

  $('people-filter').addEventListener('input', show);
  if (host) {
    mountHelperLink({ eventId, api, headers, say });
    mountExtraSeat({ api, say });
  }

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

// The extra seat, on the day: from the next change on, a walk-in or the mentees of an absent mentor may sit as one
// mentee more at a table instead of resting. What is already planned stays as it is.
function mountExtraSeat({ api, say }) {
  const box = $('extra-seat-now');
  const state = (allowed) => {
    box.checked = allowed;
    $('extra-seat-state').textContent = t(allowed ? 'checkin.extraSeat.on' : 'checkin.extraSeat.off');
  };
  api('/host').then((answer) => { if (answer.ok) state(answer.body.extraSeatWhenShort); });
  box.addEventListener('change', async () => {
    const wanted = box.checked;
    box.disabled = true;
    const answer = await api('/extra-seat', { method: 'PUT', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ allowed: wanted }) });
    box.disabled = false;
    if (!answer.ok) {
      state(!wanted);
      say(problemText(answer.body, t('checkin.extraSeat.failed')), true);
      return;
    }
    state(answer.body.extraSeatWhenShort);
    say(t(wanted ? 'checkin.extraSeat.on' : 'checkin.extraSeat.off'));
  });
}

// "Helpers at the door": a second link that does check-in and walk-ins only. Its key is shown once by the server, so
// this laptop keeps it (as it keeps the host key) to show its QR code again.
function mountHelperLink({ eventId, api, headers, say }) {
  const stored = `flashmentoring.helper.${eventId}`;

  async function refresh() {
    const state = await api('/helper-link');
    const active = state.ok && state.body.active;
    const link = active ? localStorage.getItem(stored) : null;
    $('helper-state').textContent = t(!active ? 'checkin.helpers.none' : link ? 'checkin.helpers.active' : 'checkin.helpers.elsewhere');
    $('helper-link').hidden = !link;
    $('helper-link').textContent = link ?? '';
    $('helper-link').href = link ?? '#';
    $('helper-qr').hidden = !link;
    $('helper-revoke').hidden = !active;
    $('helper-make').textContent = t(active ? 'checkin.helpers.makeNew' : 'checkin.helpers.make');
  }

  $('helper-make').addEventListener('click', async () => {
    const answer = await api('/helper-link', { method: 'POST' });
    if (!answer.ok) {
      say(problemText(answer.body, t('checkin.helpers.notMade')), true);
      return;
    }
    localStorage.setItem(stored, answer.body.link);
    say(t('checkin.helpers.made'));
    await refresh();
  });

  $('helper-revoke').addEventListener('click', async () => {
    if (!confirm(t('checkin.helpers.confirmStop'))) return;
    const answer = await api('/helper-link', { method: 'DELETE' });
    if (!answer.ok && answer.status !== 204) {
      say(problemText(answer.body, t('checkin.helpers.notStopped')), true);
      return;
    }
    localStorage.removeItem(stored);
    say(t('checkin.helpers.stopped'));
    await refresh();
  });

  $('helper-qr').addEventListener('click', async () => {
    const link = localStorage.getItem(stored) ?? '';
    const key = new URLSearchParams(link.split('#')[1] ?? '').get('key') ?? '';
    const response = await fetch(`/api/events/${eventId}/helper-link/qr.svg`, { headers: { ...headers(), 'X-Helper-Key': key } });
    if (!response.ok) {
      say(t('checkin.helpers.gone'), true);
      await refresh();
      return;
    }
    showQr(await response.blob(), t('checkin.helpers.qrTitle'), t('checkin.helpers.qrNote'));
  });

  refresh();
}
