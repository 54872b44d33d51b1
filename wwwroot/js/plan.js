// The planner page: send the roster to POST /api/plans and show the rotation.
// User data is only ever set with textContent, never as HTML.
import { problemText, hide, sayIn } from './dom.js';
import { showGrid, showProblems, showQuality } from './plan-view.js';

const form = document.getElementById('plan-form');
const fileInput = document.getElementById('file');
const csvInput = document.getElementById('csv');
const status = document.getElementById('status');
const button = document.getElementById('plan-button');

fileInput.addEventListener('change', async () => {
  const file = fileInput.files[0];
  if (file) {
    csvInput.value = await file.text();
    say(`Loaded ${file.name}.`);
  }
});

form.addEventListener('submit', async (event) => {
  event.preventDefault();
  const csv = csvInput.value;
  if (!csv.trim()) {
    say('Paste a roster or choose a CSV file first.', true);
    return;
  }

  const query = new URLSearchParams({
    rounds: document.getElementById('rounds').value,
    seatsPerTable: document.getElementById('seats').value,
    format: document.getElementById('format').value,
    seed: document.getElementById('seed').value,
  });
  button.disabled = true;
  say('Planning…');
  const started = performance.now();
  try {
    const response = await fetch(`/api/plans?${query}`, { method: 'POST', headers: { 'Content-Type': 'text/csv' }, body: csv });
    const body = await response.json().catch(() => ({}));
    if (!response.ok) {
      showProblems(body.rejected ?? [], body.warnings ?? []);
      hide('quality', 'grid-card');
      say(problemText(body, 'The plan failed'), true);
      return;
    }
    showProblems(body.rejected, body.warnings);
    showQuality(body.quality, body.notes);
    showGrid(body.rounds);
    const tables = body.rounds.length ? body.rounds[0].tables.length : 0;
    const fix = body.rejected.length ? ` ${body.rejected.length} line(s) need fixing, listed below.` : '';
    say(`Planned ${body.rounds.length} rounds at ${tables} tables in ${Math.round(performance.now() - started)} ms.${fix}`);
    // Take the host to what needs her first: the lines to fix, else the figures.
    const first = document.getElementById(body.rejected.length ? 'problems' : 'quality');
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
