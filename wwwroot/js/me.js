// The phone view: which table now, with whom, how long is left, where next. It restores from the personal
// link (token in the fragment, also kept on this device), survives reloads, locked screens and flaky Wi-Fi.
import { chime, connectionBanner, connectLive, everyFrame, formatRemaining, phaseTitle, remainingMs, seatingRound, speakRemaining } from './live.js';
import { $, el, problemText, sayIn, setText } from './dom.js';
import { format, lang, languages, languageSwitch, plural, t } from './i18n.js';
import { send } from './outbox.js';

// The host's console opens someone's view as a preview: shown, but neither kept here nor claimed for this device.
const preview = new URLSearchParams(location.hash.slice(1)).has('preview');
const token = readToken();
let me = null;
let clock = null;
let live = null;
let audio = null;
let lastSpoken = '';
// Online rooms: mentees this mentor reported missing ("round:id"), and the last "the room link changed" notice.
const reported = new Set();
let roomNotice = null;
let inRoomQueued = 0;
// The round and phase last announced to screen readers ("round:2"), and the clock it came from.
let announced = null;
// The language this page was asked for in its address (?lang=), which the phone's links pass on.
const askedLanguage = new URLSearchParams(location.search).get('lang');

showLanguageSwitch();
carryLanguage(document);
if (!token) {
  $('greeting').textContent = t('phone.whoAreYou');
  $('no-link').hidden = false;
} else {
  live = connectLive({
    join: (connection) => connection.invoke(preview ? 'PreviewPerson' : 'JoinPerson', token),
    onSnapshot: (view) => {
      if (followPersonsLanguage(view.language)) return;
      me = view;
      setClock(view.clock, false);
      render();
    },
    handlers: {
      Clock: (view) => setClock(view, true),
      // A re-plan: the new seats at once, then the whole view, since a check-in (marked absent, or back) came with it.
      Itinerary: (rows) => { if (me) { me.rounds = rows; render(); live.resync().catch(() => {}); } },
      RoomChanged: (table, link) => roomChanged(table, link),
      // New prompts, rooms or a re-plan: every phone reads its view again, spread over a few seconds so a room of
      // them does not ask in the same instant.
      PlanChanged: () => { if (me) setTimeout(() => live.resync().catch(() => {}), Math.random() * 3000); },
    },
    // The server's answer for a link nobody has (replaced by the host, or its event deleted): no retry will help.
    refusedForGood: (error) => String(error && error.message).includes('personal link is not valid'),
    onRefused: () => linkGone(t('phone.gone.title'), t('phone.gone.help')),
    onDeleted: () => linkGone(t('phone.gone.deletedTitle'), t('phone.gone.deletedHelp')),
    onState: connectionBanner($('connection'), {
      connecting: t('live.connecting'),
      // Before the first snapshot there are no times to show; after it, the countdown keeps running from them.
      get reconnecting() { return me ? t('phone.connection.offlineKnown') : t('phone.connection.offlineNothing'); },
    }, (state) => {
      if (state === 'live') document.dispatchEvent(new CustomEvent('fm:online'));
      document.body.classList.toggle('offline', state !== 'live');
    }),
  });
  everyFrame(drawCountdown);
}

// The person's own language (chosen on this or another device) wins over the browser's: the page opens again in it,
// once. An address that names a language is left alone, so a reload can never loop.
function followPersonsLanguage(chosen) {
  // A choice this device could not store yet (offline) wins over the stored one, and is sent again.
  if (unsavedLanguage() === lang && chosen !== lang) {
    saveLanguage(lang);
    return false;
  }
  if (preview || !chosen || chosen === lang || askedLanguage || !languages.some((l) => l.code === chosen)) return false;
  live.stop();
  const url = new URL(location.href);
  url.searchParams.set('lang', chosen);
  location.replace(url);
  return true;
}

const UNSAVED = 'fm.lang.unsaved';

function unsavedLanguage() {
  try { return localStorage.getItem(`${UNSAVED}.${token}`); } catch { return null; }
}

// Stores the person's language; when that fails (offline, a refusal), the device remembers it and sends it again on the
// next load, so the person's old language does not take the page back.
async function saveLanguage(code) {
  const answer = await fetch('/api/me/language', {
    method: 'PUT',
    headers: { 'Content-Type': 'application/json', 'X-Person-Token': token },
    body: JSON.stringify({ language: code }),
  }).catch(() => null);
  try {
    if (answer && answer.ok) localStorage.removeItem(`${UNSAVED}.${token}`);
    else localStorage.setItem(`${UNSAVED}.${token}`, code);
  } catch { /* private browsing: this page keeps the choice */ }
}

// The switch stores the choice on the person (PUT /api/me/language), so every device that opens the link shows it; a
// host's preview shows the switch not at all (the language is the person's to choose).
function showLanguageSwitch() {
  if (preview) return;
  languageSwitch($('language'), async (code) => {
    if (!token) return;
    await saveLanguage(code);
    // The switch then reopens the page by dropping ?lang= from the address; an address that would differ only in its
    // fragment (#t=...) is not reopened at all, so the address names the language for the switch to drop.
    const url = new URL(location.href);
    url.searchParams.set('lang', code);
    history.replaceState(null, '', url);
  });
  $('language').hidden = false;
}

// A page opened in a language its address names (a link from the join page, or the person's own language) passes it on
// to the pages it links to: the profile, the mentor search, the privacy notice.
function withLanguage(path) {
  if (!askedLanguage) return path;
  const url = new URL(path, location.origin);
  url.searchParams.set('lang', askedLanguage);
  return `${url.pathname}${url.search}${url.hash}`;
}

function carryLanguage(root) {
  for (const link of root.querySelectorAll('a[href^="/"]')) link.setAttribute('href', withLanguage(link.getAttribute('href')));
}

// A sentence with a link in it: the text's {link} becomes the link, wherever the language puts it.
function withLink(text, link) {
  const [before, after = ''] = text.split('{link}');
  return [before, link, after];
}

// Nothing more will come for this link: say why, keep no copy of it, and show no stale table.
function linkGone(title, help) {
  $('connection').hidden = true;
  $('greeting').textContent = title;
  $('no-link').replaceChildren(...withLink(help, el('a', t('phone.gone.joinAgain'), { href: withLanguage('/join') })));
  $('no-link').hidden = false;
  $('event-title').textContent = '';
  for (const id of ['now-card', 'next-card', 'rate-card', 'after-card', 'itinerary-card', 'absent-card', 'tools', 'before-links']) $(id).hidden = true;
  me = null;
  clock = null;
  document.body.classList.remove('offline');
  if (localStorage.getItem('flashmentoring.token') === token) localStorage.removeItem('flashmentoring.token');
}

function readToken() {
  const fromLink = new URLSearchParams(location.hash.slice(1)).get('t');
  if (fromLink && preview) return fromLink;
  if (fromLink) {
    localStorage.setItem('flashmentoring.token', fromLink);
    return fromLink;
  }
  const kept = localStorage.getItem('flashmentoring.token');
  if (kept) history.replaceState(null, '', `/me${location.search}#t=${kept}`);
  return kept;
}

function setClock(view, pushed) {
  const moved = clock && (view.phase !== clock.phase || view.round !== clock.round);
  clock = view;
  document.body.dataset.phase = view.phase;
  if (pushed && moved) cue();
  render();
}

// At each transition: buzz, chime and a colour change, as far as the browser allows.
function cue() {
  if (navigator.vibrate) navigator.vibrate([300, 120, 300]);
  chime(audio);
  document.body.classList.remove('flash');
  void document.body.offsetWidth;
  document.body.classList.add('flash');
}

function render() {
  if (!me) return;
  $('event-title').textContent = me.title;
  document.body.classList.toggle('online-view', me.attends === 'online');
  $('greeting').textContent = me.role === 'mentor' ? t('phone.greeting.mentor', { name: me.name }) : t('phone.greeting.mentee', { name: me.name });
  $('phase').textContent = phaseTitle(clock);
  const round = seatingRound(clock);
  const row = me.rounds.find((r) => r.round === round);
  const moving = clock && (clock.phase === 'transition' || clock.phase === 'waiting');
  const absent = me.status === 'absent' && !(clock && clock.phase === 'finished');
  const mentor = me.role === 'mentor';
  showAbsent(absent);
  if (absent) {
    $('go-to').textContent = t('phone.absent.goTo');
    $('mentor').textContent = '';
    $('with').textContent = '';
  } else if (clock && clock.phase === 'finished') {
    $('go-to').textContent = t('phone.thanks');
    $('mentor').textContent = '';
    $('with').textContent = '';
  } else if (!row || row.table == null) {
    $('go-to').textContent = mentor ? t('phone.breakMentor', { round }) : t('phone.break', { round });
    $('mentor').textContent = '';
    $('with').textContent = '';
  } else if (me.attends === 'online') {
    // The room button and its warnings say where to go; the in-room wording ("Go to Table 7") would mislead.
    $('go-to').textContent = '';
    $('mentor').textContent = mentor ? menteeCount(row) : mentorLine(row);
    if (row.asked && !mentor) $('mentor').append(' ', askedMark());
    $('with').textContent = row.with.length && !mentor ? t('phone.with', { names: format.list(row.with) }) : '';
  } else {
    $('go-to').textContent = moving ? t('phone.goTo', { table: row.table }) : t('phone.youAreAt', { table: row.table });
    $('mentor').textContent = mentor ? menteeCount(row) : mentorLine(row);
    if (row.asked && !mentor) $('mentor').append(' ', askedMark());
    $('with').textContent = row.with.length ? t('phone.with', { names: format.list(row.with) }) : '';
  }

  const next = me.rounds.find((r) => r.round === round + 1);
  $('next-card').hidden = absent || !next || (clock && clock.phase === 'finished');
  if (next) $('next').textContent = nextText(next);
  renderRoom(absent ? null : row, round);
  // The round's prompt, in the room and online alike: a default one in the reader's language, the host's own as written.
  const talking = !absent && row && row.table != null && !(clock && clock.phase === 'finished') ? promptOf(row) : null;
  $('prompt-box').hidden = !talking;
  setText($('prompt'), talking ?? '');

  $('itinerary').replaceChildren(...me.rounds.map((r) => {
    const item = el('li', itineraryText(r));
    if (r.round === round && clock && clock.phase !== 'finished') item.setAttribute('aria-current', 'step');
    if (r.asked && !mentor) item.append(' ', askedMark());
    return item;
  }));
  // Before the event: the profile, and for a mentee the mentor search, are a tap away.
  $('before-links').hidden = preview || !clock || clock.phase !== 'waiting';
  $('to-profile').href = withLanguage(`/profile#t=${token}`);
  $('to-mentors').href = withLanguage(`/mentors#t=${token}`);
  $('to-mentors').hidden = mentor;
  drawCountdown();
  announce(absent);
  // The feedback module (ratings, survey, keep in touch) follows the same state.
  if (preview) {
    $('event-title').textContent = t('phone.preview', { name: me.name, title: me.title });
    return;
  }
  document.dispatchEvent(new CustomEvent('fm:state', { detail: { me, clock, token } }));
}

// "Omar Khayyam (OPM; hiring)", without empty brackets when the roster gave neither.
function mentorLine(row) {
  const details = [row.mentorAgency, row.mentorExpertise.join(', ')].filter(Boolean).join('; ');
  return details ? t('phone.mentorDetails', { mentor: row.mentor, details }) : row.mentor;
}

// A mentor's table: "4 mentees", counted here so it reads in the page's language.
const menteeCount = (row) => plural('phone.mentees', row.with.length);

function promptOf(row) {
  return row.promptKey ? t(row.promptKey) : row.prompt;
}

// The card under the table: where this person goes next, and for someone online when (in their own time zone).
function nextText(next) {
  const mentor = me.role === 'mentor';
  if (me.attends !== 'online') {
    if (next.table == null) return t('phone.next.break', { round: next.round });
    return t('phone.next.table', { round: next.round, table: next.table, who: mentor ? menteeCount(next) : next.mentor });
  }

  const at = roundStartsAt(next.round);
  const time = at == null ? null : clockTime(at);
  if (next.table == null) return time ? t('phone.next.breakAt', { round: next.round, time }) : t('phone.next.break', { round: next.round });
  if (mentor) return time ? t('phone.next.roomAt', { table: next.table, time }) : t('phone.next.room', { table: next.table });
  return time
    ? t('phone.next.roomAtWith', { table: next.table, time, mentor: next.mentor })
    : t('phone.next.roomWith', { table: next.table, mentor: next.mentor });
}

function itineraryText(r) {
  if (r.table == null) return t('phone.itinerary.break', { round: r.round });
  const who = me.role === 'mentor'
    ? (r.with.length ? t('phone.mentorTable', { mentees: menteeCount(r), names: format.list(r.with) }) : menteeCount(r))
    : r.mentor;
  return me.attends === 'online'
    ? t('phone.itinerary.room', { round: r.round, table: r.table, who })
    : t('phone.itinerary.table', { round: r.round, table: r.table, who });
}

// Each change of round or phase is said once, in a polite live region: the countdown and the table lines change
// silently (a screen reader that spoke every second, or every re-render, would drown the conversation). The first
// picture is not announced: the page is read as it opens.
function announce(absent) {
  if (!clock) return;
  const now = `${clock.phase}:${clock.round}`;
  if (announced === null || announced.key === now) {
    announced = { key: now, phase: clock.phase, round: clock.round };
    return;
  }

  const before = announced;
  announced = { key: now, phase: clock.phase, round: clock.round };
  const text = absent ? '' : announcement(before);
  if (text) $('announce').textContent = text;
}

function announcement(before) {
  const online = me.attends === 'online';
  const row = (n) => me.rounds.find((r) => r.round === n);
  switch (clock.phase) {
    case 'round': {
      const round = clock.round;
      if (before.phase === 'paused' && before.round === round) return t('phone.say.resumed', { round });
      const here = row(round);
      if (!here || here.table == null) return t('phone.say.roundBreak', { round });
      return online ? t('phone.say.roundRoom', { round, table: here.table }) : t('phone.say.round', { round, table: here.table });
    }
    case 'transition': {
      if (clock.round >= clock.rounds) return t('phone.say.lastOver');
      const round = clock.round + 1;
      const next = row(round);
      if (!next || next.table == null) return t('phone.say.changeBreak', { round });
      return online ? t('phone.say.changeRoom', { round, table: next.table }) : t('phone.say.change', { round, table: next.table });
    }
    case 'paused': return t('phone.say.paused', { round: clock.round });
    case 'finished': return t('phone.say.finished');
    default: return '';
  }
}

// A mentor this mentee marked "must meet": a mark seen and read alike, not a colour alone.
const askedMark = () => el('strong', t('phone.askedMark'), { class: 'asked-mark' });

// Marked absent by the host: the phone says so (not "a break") and offers "I'm here"; the host confirms in the room.
function showAbsent(absent) {
  $('absent-card').hidden = !absent || preview;
  $('here').hidden = me.hereAsked;
  if (me.hereAsked) sayIn($('here-status'), t('phone.absent.asked'));
  else if (!$('here-status').classList.contains('error')) sayIn($('here-status'), '');
}

$('here').addEventListener('click', async () => {
  $('here').disabled = true;
  sayIn($('here-status'), '');
  try {
    const response = await fetch('/api/me/here', { method: 'POST', headers: { 'X-Person-Token': token } });
    const body = await response.json().catch(() => ({}));
    if (response.ok) {
      me.hereAsked = true;
    } else if (response.status === 409) {
      // Already back in the plan (the host was quicker): the view shows the table.
      await live.resync();
    } else {
      sayIn($('here-status'), t('phone.notSent', { reason: problemText(body, t('phone.tryAgain')) }), true);
    }
  } catch {
    sayIn($('here-status'), t('phone.absent.offline'), true);
  } finally {
    $('here').disabled = false;
  }
  render();
});

function drawCountdown() {
  if (!clock || !live) return;
  const ms = remainingMs(clock, live.serverNow());
  const text = clock.phase === 'waiting'
    ? t('phone.startsAt', { time: format.time(me ? me.startsAt : Date.now()) })
    : formatRemaining(ms);
  setText($('countdown'), me && me.attends === 'online' && ms != null ? t('phone.timeLeft', { time: text }) : text);
  drawRoomWarning(ms);
  $('countdown').dataset.ms = ms ?? '';
  // Screen readers hear the time left once a minute, not every second.
  const spoken = ms == null ? text : speakRemaining(Math.ceil(ms / 60000) * 60000);
  if (spoken !== lastSpoken) { $('countdown-spoken').textContent = spoken; lastSpoken = spoken; }
}

// Sound and wake lock both need a tap; one button arms both.
$('wake').addEventListener('click', async () => {
  audio = audio ?? (window.AudioContext ? new AudioContext() : null);
  if (!('wakeLock' in navigator) || !window.isSecureContext) {
    $('wake-note').textContent = t('phone.wake.noHttps');
    return;
  }
  try {
    await navigator.wakeLock.request('screen');
    $('wake-note').textContent = t('phone.wake.on');
    document.addEventListener('visibilitychange', () => {
      if (document.visibilityState === 'visible') navigator.wakeLock.request('screen').catch(() => {});
    });
  } catch (error) {
    $('wake-note').textContent = t('phone.wake.failed', { reason: error.message });
  }
});

// The itinerary as a calendar file: fetched with the token in a header (a token in a URL ends up in logs), then saved.
$('calendar').addEventListener('click', async () => {
  sayIn($('calendar-note'), t('phone.calendar.preparing'));
  try {
    const response = await fetch('/api/me/calendar.ics?rounds=true', { headers: { 'X-Person-Token': token ?? '' } });
    if (!response.ok) {
      sayIn($('calendar-note'), problemText(await response.json().catch(() => ({})), t('phone.calendar.none')), true);
      return;
    }
    const link = el('a', null, { href: URL.createObjectURL(await response.blob()), download: 'flash-mentoring.ics' });
    link.click();
    URL.revokeObjectURL(link.href);
    sayIn($('calendar-note'), t('phone.calendar.done'));
  } catch {
    sayIn($('calendar-note'), t('phone.calendar.offline'), true);
  }
});

// ---- Online rooms: the video room to open each round, the warnings before a move, presence. ----

function renderRoom(row, round) {
  const online = me.attends === 'online';
  const finished = clock && clock.phase === 'finished';
  const seated = online && !finished && row && row.table != null;
  const inRound = clock && clock.phase === 'round';
  if (roomNotice && roomNotice.round !== round) roomNotice = null;
  $('room').hidden = !seated;
  $('room-more').hidden = !seated;
  if (!seated) return;

  const link = $('room-link');
  link.hidden = !row.room;
  $('room-none').hidden = !!row.room;
  if (row.room) {
    link.href = row.room;
    link.replaceChildren(
      me.role === 'mentor' ? t('phone.room.open', { table: row.table }) : t('phone.room.join', { table: row.table }),
      el('span', ` ${t('phone.room.newTab')}`, { class: 'visually-hidden' }),
    );
  } else {
    link.removeAttribute('href');
    // Online, there is no desk to walk to: they write.
    $('room-none').textContent = me.role === 'mentor'
      ? t('phone.room.noneMentor', { table: row.table })
      : t('phone.room.none', { table: row.table });
  }
  setText($('room-notice'), roomNotice ? roomNotice.text : '');

  // "I'm in the room" counts for the round under way, once.
  const said = inRound && (me.inRoomRound === clock.round || inRoomQueued === clock.round);
  $('in-room').hidden = preview || !inRound || said;
  if (said) sayNew($('in-room-status'), me.inRoomRound === clock.round ? t('phone.inRoom.thanks') : t('phone.inRoom.queued'));
  else if (!inRound || !$('in-room-status').classList.contains('error')) sayNew($('in-room-status'), '');

  const mentor = me.role === 'mentor';
  $('coming-box').hidden = !mentor || !row.with.length;
  if (mentor) {
    $('coming').replaceChildren(...row.with.map((name, k) => comingItem(name, row.withIds ? row.withIds[k] : null, inRound ? clock.round : 0)));
  }
}

// A polite live region is read out at every write, and the view renders at every clock push: write what is new only.
function sayNew(node, text) {
  if (node.textContent !== text || node.classList.contains('error')) sayIn(node, text);
}

// A mentee coming to this mentor's room; during the round, "Not here?" tells the host they have not come.
function comingItem(name, id, round) {
  const item = el('li');
  item.append(el('span', name, { class: 'coming-name' }));
  if (!round || !id || preview) return item;
  if (reported.has(`${round}:${id}`)) {
    item.append(el('span', t('phone.missing.reported'), { class: 'reported' }));
    return item;
  }
  const button = el('button', t('phone.missing.button'), { type: 'button', class: 'small secondary' });
  button.append(el('span', ` (${name})`, { class: 'visually-hidden' }));
  button.addEventListener('click', () => reportMissing(id, name, round));
  item.append(button);
  return item;
}

async function reportMissing(id, name, round) {
  if (!window.confirm(t('phone.missing.confirm', { name }))) return;
  const result = await send('/api/me/missing', { personId: id, round }, token);
  if (result.refused.length) {
    sayIn($('missing-status'), t('phone.notSent', { reason: problemText(result.refused[0], t('phone.tryAgain')) }), true);
  } else {
    reported.add(`${round}:${id}`);
    sayIn($('missing-status'), result.pending ? t('phone.missing.queued', { name }) : t('phone.missing.told', { name }));
  }
  render();
}

$('in-room').addEventListener('click', async () => {
  const round = clock.round;
  $('in-room').disabled = true;
  const result = await send('/api/me/in-room', { round }, token);
  $('in-room').disabled = false;
  if (result.refused.length) sayIn($('in-room-status'), t('phone.notSent', { reason: problemText(result.refused[0], t('phone.tryAgain')) }), true);
  else if (result.pending) inRoomQueued = round;
  else me.inRoomRound = round;
  render();
});

// The host replaced a table's room (a broken link): the new one at once, and a word that it changed.
function roomChanged(table, link) {
  if (!me || me.attends !== 'online') return;
  for (const r of me.rounds) if (r.table === table) r.room = link;
  // A word only when the room is this round's or the next; rooms further ahead change quietly.
  const round = seatingRound(clock);
  const here = me.rounds.find((r) => r.round === round);
  const next = me.rounds.find((r) => r.round === round + 1);
  if (here && here.table === table) roomNotice = { round, text: t('phone.room.changedHere') };
  else if (next && next.table === table) roomNotice = { round, text: t('phone.room.changedNext', { table }) };
  render();
}

// Shown (and, being a polite live region, read out) once when it changes: a minute before the end, and at the move.
function drawRoomWarning(ms) {
  if (!me || me.attends !== 'online' || $('room').hidden || !clock) return;
  const text = roomWarning(ms);
  const was = $('room-warning').textContent;
  setText($('room-warning'), text);
  if (text && text !== was && clock.phase === 'round' && navigator.vibrate) navigator.vibrate(200);
}

function roomWarning(ms) {
  const mentor = me.role === 'mentor';
  if (clock.phase === 'transition' && clock.round < clock.rounds) {
    const row = me.rounds.find((r) => r.round === clock.round + 1);
    if (!row || row.table == null) return '';
    return mentor ? t('phone.room.warnStay', { round: row.round }) : t('phone.room.warnMove', { table: row.table });
  }
  if (clock.phase !== 'round' || ms == null || ms > 60000) return '';
  const next = me.rounds.find((r) => r.round === clock.round + 1);
  if (ms === 0 && next && next.table != null && !mentor) return t('phone.room.warnMove', { table: next.table });
  if (!next) return t('phone.room.warnLast');
  if (next.table == null) return t('phone.room.warnBreak');
  return mentor ? t('phone.room.warnSame') : t('phone.room.warnNext', { table: next.table });
}

// When round n starts, from the clock's end of this round (or the event's start before the first): extensions the host
// makes later move it, and the phone shows the new time then.
function roundStartsAt(n) {
  const step = (me.roundMinutes + me.transitionMinutes) * 60000;
  if (!clock || clock.phase === 'waiting') return Date.parse(me.startsAt) + (n - 1) * step;
  if (clock.endsAtMs == null) return null;
  if (clock.phase === 'round') return clock.endsAtMs + me.transitionMinutes * 60000 + (n - clock.round - 1) * step;
  if (clock.phase === 'transition') return clock.endsAtMs + (n - clock.round - 1) * step;
  return null;
}

// "10:40 AM" in the device's own time zone, with the zone's short name ("10:40 AM MT") when it is not the event's.
function clockTime(ms) {
  const at = new Date(ms);
  const text = format.time(at);
  return -at.getTimezoneOffset() === eventOffsetMinutes() ? text : `${text} ${zoneName(at)}`.trim();
}

// The event's UTC offset, from its start as the host set it ("2026-12-01T09:00:00-05:00").
function eventOffsetMinutes() {
  const m = /([+-])(\d{2}):(\d{2})$/.exec(me.startsAt);
  return m ? (m[1] === '-' ? -1 : 1) * (Number(m[2]) * 60 + Number(m[3])) : 0;
}

function zoneName(at) {
  for (const timeZoneName of ['shortGeneric', 'short']) {
    try {
      const part = new Intl.DateTimeFormat(lang, { timeZoneName }).formatToParts(at).find((p) => p.type === 'timeZoneName');
      if (part) return part.value;
    } catch {
      // An older browser without "shortGeneric": try the next.
    }
  }
  return '';
}
