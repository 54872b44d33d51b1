// The kit page: a blank kit for a paper-only event, or a kit from a roster without creating an event.
import { $, sayIn } from './dom.js';
import { languages, lang, plural, t } from './i18n.js';
import { partChoices, runKitJob } from './kit-job.js';
import { applyLimits } from './limits.js';
import { showProblems } from './plan-view.js';
import { csvBody, rosterSource } from './upload.js';

const today = new Date();
const isoToday = new Date(today.getTime() - today.getTimezoneOffset() * 60000).toISOString().slice(0, 10);
$('blank-date').value = isoToday;
$('roster-date').value = isoToday;
const blankParts = partChoices($('blank-parts'), true);
const rosterParts = partChoices($('roster-parts'), false);
const ui = (prefix) => ({ progress: $(`${prefix}-progress`), status: $(`${prefix}-status`), link: $(`${prefix}-link`) });

// The kit prints in the language picked here (the page's, unless the host picks another): each language by its own name.
for (const select of document.querySelectorAll('[data-kit-language]')) {
  select.replaceChildren(...languages.map((language) => {
    const option = new Option(language.name, language.code, false, language.code === lang);
    option.lang = language.code;
    return option;
  }));
}

$('blank-form').addEventListener('submit', (event) => {
  event.preventDefault();
  const query = new URLSearchParams({
    title: $('blank-title-input').value, date: $('blank-date').value, start: $('blank-start').value,
    tables: $('blank-tables').value, rounds: $('blank-rounds').value, seatsPerTable: $('blank-seats').value,
    roundMinutes: $('blank-minutes').value, transitionMinutes: $('blank-change').value, paper: $('blank-paper').value, parts: blankParts(),
    lang: $('blank-language').value,
  });
  runKitJob(() => fetch(`/api/kits/blank/jobs?${query}`, { method: 'POST' }), ui('blank'));
});

const roster = rosterSource($('roster-file'), $('roster-csv'), $('roster-file-note'));
applyLimits();

$('roster-form').addEventListener('submit', async (event) => {
  event.preventDefault();
  const body = roster();
  if (!body) {
    sayIn($('roster-status'), t('kitpage.noRoster'), true);
    return;
  }
  const query = new URLSearchParams({
    title: $('roster-title-input').value, date: $('roster-date').value, start: $('roster-start').value,
    rounds: $('roster-rounds').value, seatsPerTable: $('roster-seats').value, format: $('roster-format').value,
    roundMinutes: $('roster-minutes').value, transitionMinutes: $('roster-change').value, paper: $('roster-paper').value, parts: rosterParts(),
    lang: $('roster-language').value,
  });
  // The lines the import left out are named as soon as the server has read the roster, not after the last page.
  let leftOut = [];
  showProblems([], []);
  const answered = (answer) => {
    leftOut = answer.rejected ?? [];
    showProblems(leftOut, answer.warnings ?? []);
  };
  await runKitJob(() => fetch(`/api/kits/jobs?${query}`, { method: 'POST', ...csvBody(body) }), { ...ui('roster'), answered });
  if (leftOut.length) {
    const status = $('roster-status');
    status.textContent += ` ${plural('kitpage.leftOut', leftOut.length)}`;
  }
});

// The buttons work once this script has wired the forms (a click before that would reload the page and lose the roster).
for (const button of document.querySelectorAll('form button[type=submit]')) button.disabled = false;
