// Kit jobs: start one, show its progress page by page, then hand over the PDF.
import { el, problemText } from './dom.js';

const PARTS = [
  ['guide', 'Host guide'], ['grid', 'Master grid'], ['signs', 'Table signs'], ['itineraries', 'Itineraries'],
  ['badges', 'Name badges'], ['feedback', 'Feedback forms'], ['roster', 'Roster template'],
];

/** Checkboxes for the parts, all ticked; `withRoster` adds the roster template (for paper events). */
export function partChoices(container, withRoster) {
  const boxes = PARTS.filter(([key]) => withRoster || key !== 'roster').map(([key, label]) => {
    const input = el('input', null, { type: 'checkbox', value: key, checked: '' });
    const wrap = el('label', null, { class: 'check' });
    wrap.append(input, ` ${label}`);
    return wrap;
  });
  container.replaceChildren(...boxes);
  return () => [...container.querySelectorAll('input:checked')].map((i) => i.value).join(',');
}

/**
 * Starts a job with `start()` (a fetch promise answering 202 with the job), then polls until the PDF is ready.
 * `ui` has a <progress>, a status line and a link to fill in, and optionally `answered(body)`, told the first answer
 * (the job, or the problem) so a page can show what it says besides progress, e.g. the roster lines left out.
 * `headers` go with every poll and the download: an event's kit needs the host key, which a plain link cannot carry,
 * so the PDF is fetched and handed over as a blob.
 */
export async function runKitJob(start, ui, headers = {}) {
  ui.link.hidden = true;
  ui.progress.hidden = false;
  ui.progress.removeAttribute('value');
  say(ui, 'Starting…');
  const began = performance.now();
  let response;
  try {
    response = await start();
  } catch (error) {
    say(ui, `Could not reach the app: ${error.message}. Try again.`, true);
    ui.progress.hidden = true;
    return;
  }
  let job = await response.json().catch(() => ({}));
  ui.answered?.(job);
  if (!response.ok) {
    say(ui, problemText(job, 'The kit could not be made'), true);
    ui.progress.hidden = true;
    return;
  }
  while (job.state === 'working') {
    ui.progress.max = job.estimatedPages;
    ui.progress.value = job.pages;
    say(ui, `Page ${job.pages} of about ${job.estimatedPages}${job.part ? ` (${job.part})` : ''}…`);
    await new Promise((resolve) => setTimeout(resolve, 250));
    const poll = await fetch(job.status, { headers });
    job = await poll.json().catch(() => ({ state: 'failed', error: 'The kit went missing; make it again.' }));
  }
  if (job.state !== 'done') {
    ui.progress.hidden = true;
    say(ui, job.error ?? 'The kit could not be made.', true);
    return;
  }
  const pdf = await fetch(job.download, { headers }).catch(() => null);
  ui.progress.hidden = true;
  if (!pdf?.ok) {
    say(ui, 'The kit is made but could not be downloaded (kits are kept 15 minutes); make it again.', true);
    return;
  }
  if (ui.link.href.startsWith('blob:')) URL.revokeObjectURL(ui.link.href);
  ui.link.href = URL.createObjectURL(await pdf.blob());
  ui.link.download = job.download.split('/').pop();
  ui.link.hidden = false;
  ui.link.textContent = `Download the kit (${job.pages} pages)`;
  say(ui, `Ready: ${job.pages} pages in ${((performance.now() - began) / 1000).toFixed(1)} s.`);
  ui.link.click();
}

function say(ui, text, isError = false) {
  ui.status.textContent = text;
  ui.status.classList.toggle('error', isError);
}
