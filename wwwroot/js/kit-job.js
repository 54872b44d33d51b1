// Kit jobs: start one, show its progress page by page, then hand over the PDF.
import { el, problemText } from './dom.js';
import { format, lang, plural, t } from './i18n.js';

// A fixed map to literal keys, so every text a page shows can be found in the locale files.
const PARTS = [
  ['guide', () => t('kitpage.part.guide')], ['grid', () => t('kitpage.part.grid')], ['signs', () => t('kitpage.part.signs')],
  ['itineraries', () => t('kitpage.part.itineraries')], ['badges', () => t('kitpage.part.badges')],
  ['feedback', () => t('kitpage.part.feedback')], ['roster', () => t('kitpage.part.roster')],
];

/** Checkboxes for the parts, all ticked; `withRoster` adds the roster template (for paper events). */
export function partChoices(container, withRoster) {
  const boxes = PARTS.filter(([key]) => withRoster || key !== 'roster').map(([key, label]) => {
    const input = el('input', null, { type: 'checkbox', value: key, checked: '' });
    const wrap = el('label', null, { class: 'check' });
    wrap.append(input, ` ${label()}`);
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
  say(ui, t('kitpage.starting'));
  const began = performance.now();
  let response;
  try {
    response = await start();
  } catch (error) {
    say(ui, t('kitpage.unreachable', { error: error.message }), true);
    ui.progress.hidden = true;
    return;
  }
  let job = await response.json().catch(() => ({}));
  ui.answered?.(job);
  if (!response.ok) {
    say(ui, problemText(job, t('kitpage.failed')), true);
    ui.progress.hidden = true;
    return;
  }
  // The status line is a live region: it changes when a new part begins (a screen reader hears each part once, in the
  // page's words), while the progress bar moves with every page.
  let partSaid;
  while (job.state === 'working') {
    ui.progress.max = job.estimatedPages;
    ui.progress.value = job.pages;
    if (job.part !== partSaid) {
      partSaid = job.part;
      const part = PARTS.find(([key]) => key === job.part)?.[1]() ?? job.part;
      const where = { page: format.number(job.pages), total: format.number(job.estimatedPages), part };
      say(ui, job.part ? t('kitpage.pagePart', where) : t('kitpage.page', where));
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
    const poll = await fetch(job.status, { headers });
    job = await poll.json().catch(() => ({ state: 'failed', error: t('kitpage.missing') }));
  }
  if (job.state !== 'done') {
    ui.progress.hidden = true;
    say(ui, job.error ?? t('kitpage.failedEnd'), true);
    return;
  }
  const pdf = await fetch(job.download, { headers }).catch(() => null);
  ui.progress.hidden = true;
  if (!pdf?.ok) {
    say(ui, t('kitpage.notDownloaded'), true);
    return;
  }
  if (ui.link.href.startsWith('blob:')) URL.revokeObjectURL(ui.link.href);
  ui.link.href = URL.createObjectURL(await pdf.blob());
  ui.link.download = job.download.split('/').pop();
  ui.link.hidden = false;
  ui.link.textContent = plural('kitpage.download', job.pages);
  const seconds = new Intl.NumberFormat(lang, { minimumFractionDigits: 1, maximumFractionDigits: 1 }).format((performance.now() - began) / 1000);
  say(ui, plural('kitpage.ready', job.pages, { seconds }));
  ui.link.click();
}

function say(ui, text, isError = false) {
  ui.status.textContent = text;
  ui.status.classList.toggle('error', isError);
}
