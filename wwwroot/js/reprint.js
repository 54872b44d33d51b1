// After a re-plan, the host prints again only what changed: the itineraries of the people told and the signs of the
// tables someone left or joined (the server's `reprint` answer), through the usual kit job.
import { $ } from './dom.js';
import { plural, t } from './i18n.js';
import { runKitJob } from './kit-job.js';

/**
 * Offers the reprint on the button `#<id>` (with `#<id>-progress`, `#<id>-status` and `#<id>-link` beside it), or hides
 * the button when nothing needs printing again.
 */
export function offerReprint(id, { eventId, headers, reprint }) {
  const button = $(id);
  const { people: ids, tables } = reprint ?? { people: [], tables: [] };
  button.hidden = ids.length === 0 && tables.length === 0;
  const itineraries = plural('host.reprint.itineraries', ids.length);
  const signs = plural('host.reprint.signs', tables.length);
  button.textContent = ids.length && tables.length ? t('host.reprint.both', { itineraries, signs })
    : t('host.reprint.print', { what: ids.length ? itineraries : signs });
  button.onclick = () => {
    const query = new URLSearchParams({ paper: $('kit-paper')?.value ?? 'letter', parts: 'itineraries,signs', people: ids.join(','), tables: tables.join(',') });
    runKitJob(() => fetch(`/api/events/${eventId}/kit-jobs?${query}`, { method: 'POST', headers: headers() }),
      { progress: $(`${id}-progress`), status: $(`${id}-status`), link: $(`${id}-link`) }, headers());
  };
}
