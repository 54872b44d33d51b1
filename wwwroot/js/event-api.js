// The event's API as the host's pages and the helper's page call it, with the key their link carries.

/** The event of this page: /host/{id}, /host/{id}/online, /help/{id}. */
export const eventId = location.pathname.split('/').filter(Boolean)[1];

/**
 * The key in the link's fragment (#key=…), kept on this device under `stored`: the page then works from a bookmark or
 * the history, which may have lost the fragment.
 */
export function linkKey(stored) {
  const fromLink = new URLSearchParams(location.hash.slice(1)).get('key');
  if (fromLink) localStorage.setItem(stored, fromLink);
  return fromLink ?? localStorage.getItem(stored);
}

/** The host key of this page's event (the same on the console, the online page and the registration page). */
export const hostKey = () => linkKey(`flashmentoring.host.${eventId}`);

/**
 * A caller of /api/events/{id}{path} that sends `headers` (the key) with every request, and a string body without
 * headers of its own as JSON. It answers { ok, status, body }, body being the JSON answer or {} (none, or not JSON);
 * `onAnswer` sees each answer first (the helper's page stops on a 403).
 */
export function eventApi(headers, onAnswer = () => {}) {
  return async (path, options = {}) => {
    const json = typeof options.body === 'string' && !options.headers ? { 'Content-Type': 'application/json' } : {};
    const response = await fetch(`/api/events/${eventId}${path}`, { ...options, headers: { ...headers, ...json, ...(options.headers ?? {}) } });
    const body = response.status === 204 ? {} : await response.json().catch(() => ({}));
    const answer = { ok: response.ok, status: response.status, body };
    onAnswer(answer);
    return answer;
  };
}
