// Answers wait here until the server has them: a phone that loses the Wi-Fi for a moment loses nothing,
// and each answer carries its own id so a resend after a lost reply counts once.
import { t } from './i18n.js';

const KEY = 'flashmentoring.outbox';

/** A random id; crypto.randomUUID needs HTTPS, getRandomValues does not. */
export function newId() {
  const b = crypto.getRandomValues(new Uint8Array(16));
  b[6] = (b[6] & 0x0f) | 0x40;
  b[8] = (b[8] & 0x3f) | 0x80;
  const h = [...b].map((x) => x.toString(16).padStart(2, '0')).join('');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}

function load() {
  try { return JSON.parse(localStorage.getItem(KEY) ?? '[]'); } catch { return []; }
}

function save(items) {
  localStorage.setItem(KEY, JSON.stringify(items));
}

let flushing = null;

/** Queues a request and tries to send everything queued. */
export function send(url, body, token) {
  save([...load(), { url, body, token }]);
  return flush();
}

/**
 * Sends what is queued, oldest first; stops at the first network failure, server error or "slow down" (429) and
 * keeps the rest. Answers the server refused for good (another 4xx) leave the queue, and their problems are returned
 * so the page can say why; `sent` counts what the server took, so a flush with nothing queued says nothing was sent.
 */
export function flush() {
  if (flushing) return flushing;
  flushing = (async () => {
    const refused = [];
    let sent = 0;
    let items = load();
    while (items.length) {
      const item = items[0];
      let response;
      try {
        response = await fetch(item.url, { method: 'POST', headers: { 'Content-Type': 'application/json', 'X-Person-Token': item.token }, body: JSON.stringify(item.body) });
      } catch {
        return { pending: items.length, refused, sent };
      }
      if (response.status >= 500 || response.status === 429) return { pending: items.length, refused, sent };
      // Delivered, or refused for good (another 4xx): either way it leaves the queue.
      if (response.ok) sent++;
      else refused.push(await response.json().catch(() => ({ title: t('feedback.refusedStatus', { status: response.status }) })));
      items = load().slice(1);
      save(items);
    }
    return { pending: 0, refused, sent };
  })().finally(() => { flushing = null; });
  return flushing;
}

export function pending() {
  return load().length;
}

window.addEventListener('online', () => flush());
setInterval(() => { if (pending()) flush(); }, 10000);
