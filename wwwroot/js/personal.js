// What the pages a personal link opens share: the token (from the link's fragment, then kept on this device, as the
// phone view keeps it) and the personal API, which takes the token in a header so it reaches no server log.
import { lang } from './i18n.js';

const KEY = 'flashmentoring.token';

/** The personal link's token: from #t= in the address (kept for next time), else the one kept on this device. */
export function personalToken() {
  const fromLink = new URLSearchParams(location.hash.slice(1)).get('t');
  if (fromLink) {
    localStorage.setItem(KEY, fromLink);
    return fromLink;
  }
  const kept = localStorage.getItem(KEY);
  if (kept) history.replaceState(null, '', `${location.pathname}${location.search}#t=${kept}`);
  return kept;
}

/** Keeps a token this device was just given (a registration). */
export function keepToken(token) {
  localStorage.setItem(KEY, token);
}

/** A personal page's address with the token in its fragment. */
export const personalPath = (path, token) => `${path}#t=${token}`;

/** Calls /api/me/...: the answer's status and JSON body (an empty object when it has none). */
export async function meApi(token, path, options = {}) {
  const headers = { 'X-Person-Token': token ?? '', ...(options.body ? { 'Content-Type': 'application/json' } : {}), ...(options.headers ?? {}) };
  const response = await fetch(`/api/me${path}`, { ...options, headers });
  const body = await response.json().catch(() => ({}));
  return { ok: response.ok, status: response.status, body };
}

/** The event's start as its host sees it, written the page's language's way: in the event's time zone when it has one (named), else this device's. */
export function eventWhen(startsAt, timeZone) {
  const options = { dateStyle: 'full', timeStyle: 'short' };
  try {
    return new Date(startsAt).toLocaleString(lang, timeZone ? { ...options, timeZone, timeZoneName: 'short' } : options);
  } catch {
    return new Date(startsAt).toLocaleString(lang, options);
  }
}

/** True for a role that sits at a table and may choose mentors. */
export const canBeMentee = (role) => role === 'mentee' || role === 'both';

/** True for a role that may host a table. */
export const canMentor = (role) => role === 'mentor' || role === 'both';
