// The planner page: send the roster to POST /api/plans and show the rotation.
// User data is only ever set with textContent, never as HTML.
import { $, count, problemText, hide, sayIn } from './dom.js';
import { applyLimits } from './limits.js';
import { showGrid, showProblems, showQuality } from './plan-view.js';
import { csvBody, rosterSource } from './upload.js';

const status = $('status');
const button = $('plan-button');
const roster = rosterSource($('file'), $('csv'), $('file-note'));
applyLimits();

$('plan-form').addEventListener('submit', async (event) => {
  event.preventDefault();
  const body = roster();
  if (!body) {
    say('Paste a roster or choose a CSV file first.', true);
    return;
  }

  const query = new URLSearchParams({
    rounds: $('rounds').value,
    seatsPerTable: $('seats').value,
    format: $('format').value,
    seed: $('seed').value,
  });
  button.disabled = true;
  say('Planning…');
  const started = performance.now();
  try {
    const response = await fetch(`/api/plans?${query}`, { method: 'POST', ...csvBody(body) });
    const answer = await response.json().catch(() => ({}));
    if (!response.ok) {
      showProblems(answer.rejected ?? [], answer.warnings ?? []);
      hide('quality', 'grid-card');
      say(problemText(answer, 'The plan failed'), true);
      return;
    }
    showProblems(answer.rejected, answer.warnings);
    showQuality(answer.quality, answer.notes, answer.summary);
    showGrid(answer.rounds);
    const tables = answer.rounds.length ? answer.rounds[0].tables.length : 0;
    const fix = answer.rejected.length ? ` ${count(answer.rejected.length, 'line needs', 'lines need')} fixing, listed below.` : '';
    say(`Planned ${answer.rounds.length} rounds at ${tables} tables in ${Math.round(performance.now() - started)} ms.${fix}`);
    // Take the host to what needs her first: the lines to fix, else the figures.
    const first = $(answer.rejected.length ? 'problems' : 'quality');
    first.focus();
    first.scrollIntoView({ behavior: 'smooth', block: 'start' });
  } catch (error) {
    say(`Could not reach the planner: ${error.message}. Nothing was lost; try again.`, true);
  } finally {
    button.disabled = false;
  }
});

function say(text, isError = false) {
  sayIn(status, text, isError);
}

// The button works once this script has wired the form (a click before that would reload the page and lose the roster).
$('plan-button').disabled = false;
