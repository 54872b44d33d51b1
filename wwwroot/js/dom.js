// Small DOM helpers shared by every page. User data only ever goes in through textContent, never as HTML.
import { t } from './i18n.js';

/** The element with this id. */
export const $ = (id) => document.getElementById(id);

export function el(tag, text, attributes = {}) {
  const node = document.createElement(tag);
  if (text !== undefined && text !== null) node.textContent = text;
  for (const [name, value] of Object.entries(attributes)) node.setAttribute(name, value);
  return node;
}

export function hide(...ids) {
  for (const id of ids) $(id).hidden = true;
}

/** Sets a node's text only when it changes (called on every animation frame, it must not churn the page). */
export function setText(node, text) {
  if (node.textContent !== text) node.textContent = text;
}

/** Shows a message in a status line; errors are marked for colour and screen readers alike. */
export function sayIn(node, text, isError = false) {
  node.textContent = text;
  node.classList.toggle('error', isError);
}

/** The text of a problem-details answer: title, detail and every field error. */
export function problemText(body, fallback) {
  const fields = body && body.errors ? Object.values(body.errors).flat().join(' ') : '';
  return `${(body && body.title) || fallback}. ${(body && body.detail) || ''} ${fields}`.trim();
}

/** A button that copies a read-only field's text (a link to send round); without clipboard access it selects it. */
export function copyOnClick(button, input, note) {
  button.addEventListener('click', async () => {
    try {
      await navigator.clipboard.writeText(input.value);
      note.textContent = t('common.copied');
    } catch {
      input.select();
      note.textContent = t('common.copyFallback');
    }
  });
}
