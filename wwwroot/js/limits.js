// Every form's limits come from the server (GET /api/limits), the same numbers it checks against: an input with
// data-limit="maxRounds" gets that maximum, a text field data-limit="maxName" that length. The pages carry the same
// numbers as a fallback for a page whose request for them fails, and a test keeps the two equal; the phone page
// relies on its fallback alone rather than add a request to every phone's first load.

import { format } from './i18n.js';

let limits = null;

/** The server's limits (fetched once per page). */
async function serverLimits() {
  limits ??= fetch('/api/limits').then((r) => (r.ok ? r.json() : {})).catch(() => ({}));
  return limits;
}

/** Sets max (numbers) or maxlength (text) on every field that names a limit, and the text of every data-limit-text. */
export async function applyLimits(root = document) {
  const known = await serverLimits();
  for (const field of root.querySelectorAll('[data-limit]')) {
    const value = known[field.dataset.limit];
    if (value === undefined) continue;
    field.setAttribute(field.type === 'number' ? 'max' : 'maxlength', String(value));
  }
  for (const text of root.querySelectorAll('[data-limit-text]')) {
    const value = known[text.dataset.limitText];
    if (value !== undefined) text.textContent = format.number(value);
  }
}
