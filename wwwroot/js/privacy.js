// The privacy notice states this server's own retention numbers (GET /api/retention); the page carries the defaults,
// shown until the answer arrives or if it never does.
const rules = await fetch('/api/retention').then((r) => (r.ok ? r.json() : {})).catch(() => ({}));
for (const node of document.querySelectorAll('[data-retention]')) {
  const value = rules[node.dataset.retention];
  if (value !== undefined) node.textContent = String(value);
}
