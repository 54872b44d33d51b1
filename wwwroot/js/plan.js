// The planner page: send the roster to POST /api/plans and show the rotation.
// User data is only ever set with textContent, never as HTML.
import { $, problemText, hide, sayIn } from './dom.js';
import { format, plural, t } from './i18n.js';
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
    say(t('plan.noRoster'), true);
    return;
  }

  const query = new URLSearchParams({
    rounds: $('rounds').value,
    seatsPerTable: $('seats').value,
    format: $('format').value,
    seed: $('seed').value,
  });
  button.disabled = true;
  say(t('plan.planning'));
  const started = performance.now();
  try {
    const response = await fetch(`/api/plans?${query}`, { method: 'POST', ...csvBody(body) });
    const answer = await response.json().catch(() => ({}));
    if (!response.ok) {
      showProblems(answer.rejected ?? [], answer.warnings ?? []);
      hide('quality', 'grid-card');
      say(problemText(answer, t('plan.failed')), true);
      return;
    }
    showProblems(answer.rejected, answer.warnings);
    showQuality(answer.quality, answer.notes, answer.summary);
    showGrid(answer.rounds);
    const tables = answer.rounds.length ? answer.rounds[0].tables.length : 0;
    const planned = t('plan.planned', {
      rounds: plural('plan.roundsCount', answer.rounds.length),
      tables: plural('plan.tablesCount', tables),
      ms: format.number(Math.round(performance.now() - started)),
    });
    say(answer.rejected.length ? `${planned} ${plural('plan.linesToFix', answer.rejected.length)}` : planned);
    // Take the host to what needs her first: the lines to fix, else the figures.
    const first = $(answer.rejected.length ? 'problems' : 'quality');
    first.focus();
    first.scrollIntoView({ behavior: 'smooth', block: 'start' });
  } catch (error) {
    say(t('plan.unreachable', { error: error.message }), true);
  } finally {
    button.disabled = false;
  }
});

function say(text, isError = false) {
  sayIn(status, text, isError);
}

// The button works once this script has wired the form (a click before that would reload the page and lose the roster).
$('plan-button').disabled = false;
