// The privacy notice states this server's own retention numbers (GET /api/retention): worded at once with the defaults,
// then again with the server's, so the counts ("1 day", "90 days") read right in the page's language.
import { plural, t } from './i18n.js';

const DEFAULTS = { afterEndDays: 90, draftDays: 30, storedPerDevice: 20 };

function show(rules) {
  // Our own text with emphasis, and numbers from this server: no user data goes into this markup.
  document.getElementById('retention-rule').innerHTML = t('privacy.deleted.rule', {
    afterEnd: plural('privacy.days', Number(rules.afterEndDays)),
    draft: plural('privacy.days', Number(rules.draftDays)),
  });
  document.getElementById('per-device').textContent = plural('privacy.perDevice', Number(rules.storedPerDevice));
}

show(DEFAULTS);
const rules = await fetch('/api/retention').then((r) => (r.ok ? r.json() : {})).catch(() => ({}));
show({ ...DEFAULTS, ...Object.fromEntries(Object.entries(rules).filter(([name, value]) => name in DEFAULTS && Number.isFinite(Number(value)))) });
