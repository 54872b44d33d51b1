// Load generator for the live path: N events of P phones each, every phone a real @microsoft/signalr client
// (spread over worker processes), against a running FlashMentoring on 127.0.0.1. It creates the events through
// the app's own API, joins every phone, drives round changes, and measures join time, round-change latency
// (server send instant to each phone's receipt, one machine clock), missed and duplicated messages, a reconnect
// storm, and the server's RSS and CPU. The last line is the summary.
//
//   node bench/load/load.mjs --url http://127.0.0.1:5080 --events 40 --phones 125 [--workers 4] [--changes 5] [--pid 1234]
import { fork } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { cpus } from 'node:os';

const args = Object.fromEntries(process.argv.slice(2).reduce((pairs, a, k, all) => (a.startsWith('--') ? [...pairs, [a.slice(2), all[k + 1]]] : pairs), []));
const url = args.url ?? 'http://127.0.0.1:5080';
const events = Number(args.events ?? 2);
const phones = Number(args.phones ?? 20);
const workers = Number(args.workers ?? Math.min(4, Math.max(2, cpus().length * 2)));
const changes = Number(args.changes ?? 5);
const pid = args.pid ? Number(args.pid) : null;

const log = (...a) => console.error(...a);

function roster(n, e) {
  // One mentor per five phones, the rest mentees, four to a table.
  const mentors = Math.max(1, Math.round(n / 5));
  const lines = ['role,name,email,agency'];
  for (let k = 0; k < n; k++) lines.push(`${k < mentors ? 'mentor' : 'mentee'},Person ${e}-${k},p${e}-${k}@load.test,AG${k % 7}`);
  return lines.join('\n') + '\n';
}

async function api(path, options = {}) {
  const response = await fetch(url + path, options);
  const text = await response.text();
  if (!response.ok) throw new Error(`${options.method ?? 'GET'} ${path}: ${response.status} ${text.slice(0, 300)}`);
  return text ? JSON.parse(text) : null;
}

function serverStats() {
  if (!pid) return null;
  try {
    const rss = Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))[1]) / 1024;
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
    const ticks = Number(fields[11]) + Number(fields[12]);
    return { rss, cpuSeconds: ticks / 100 };
  } catch {
    return null;
  }
}

function percentile(sorted, p) {
  if (!sorted.length) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
}

// 1. Events and people, through the app's API.
const created = [];
for (let e = 0; e < events; e++) {
  const ev = await api('/api/events', { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ title: `Load ${e}`, startsAt: new Date().toISOString(), rounds: changes + 1, roundMinutes: 60, seatsPerTable: 4 }) });
  const headers = { 'X-Host-Key': ev.hostKey };
  await api(`/api/events/${ev.id}/roster`, { method: 'PUT', headers: { ...headers, 'Content-Type': 'text/csv' }, body: roster(phones, e) });
  const people = await api(`/api/events/${ev.id}/people`, { headers });
  created.push({ id: ev.id, key: ev.hostKey, tokens: people.map((p) => p.link.split('#t=')[1]) });
}
log(`created ${events} events of ${phones} phones`);

// 2. Workers, each holding a share of the phones.
const all = created.flatMap((ev) => ev.tokens.map((token) => ({ event: ev.id, token })));
const shares = Array.from({ length: workers }, (_, w) => all.filter((_, k) => k % workers === w));
const procs = shares.map((share) => fork(new URL('./worker.mjs', import.meta.url), [], { stdio: ['ignore', 'inherit', 'inherit', 'ipc'] }));
const ask = (proc, message) => new Promise((resolve) => {
  const handler = (reply) => { if (reply.id === message.id) { proc.off('message', handler); resolve(reply); } };
  proc.on('message', handler);
  proc.send(message);
});
const everyone = async (type, extra = {}) => Promise.all(procs.map((p, w) => ask(p, { id: `${type}-${Date.now()}-${w}`, type, ...extra })));

await Promise.all(procs.map((p, w) => ask(p, { id: `phones-${w}`, type: 'phones', phones: shares[w] })));
const statsBefore = serverStats();
const joinStarted = Date.now();
const joined = await everyone('join', { url });
const joinMs = Date.now() - joinStarted;
const joinTimes = joined.flatMap((r, w) => r.joinMs).sort((a, b) => a - b);
const failedJoins = joined.reduce((s, r) => s + r.failed, 0);
log(`joined ${all.length - failedJoins}/${all.length} phones in ${joinMs} ms (per phone p50 ${percentile(joinTimes, 50)} ms, p99 ${percentile(joinTimes, 99)} ms)`);

// 3. Round changes: every event moves at the same moment, as on a government-wide mentoring day.
const cpuStart = serverStats();
const wallStart = Date.now();
let version = new Map();
for (let c = 0; c < changes; c++) {
  await Promise.all(created.map(async (ev) => {
    const command = c === 0 ? 'start' : 'skip';
    const view = await api(`/api/events/${ev.id}/clock/${command}`, { method: 'POST', headers: { 'X-Host-Key': ev.key, 'Content-Type': 'application/json' }, body: JSON.stringify(c === 0 ? {} : { expectedRound: c, skipChange: true }) });
    version.set(ev.id, view.version);
  }));
  // Wait until every phone has this change (or two seconds have passed), then the next one.
  await everyone('await', { versions: Object.fromEntries(version), timeoutMs: 5000 });
}

const cpuEnd = serverStats();
const wallMs = Date.now() - wallStart;
const results = await everyone('report', { versions: Object.fromEntries(version) });
const latencies = results.flatMap((r) => r.latencies).sort((a, b) => a - b);
const expected = all.length * changes;
const delivered = results.reduce((s, r) => s + r.delivered, 0);
const duplicated = results.reduce((s, r) => s + r.duplicated, 0);

// 4. Reconnect storm: every phone drops at once and comes back; time until all hold the current snapshot.
const storm = await (async () => {
  const started = Date.now();
  const replies = await everyone('storm', { url, versions: Object.fromEntries(version) });
  return { ms: Date.now() - started, right: replies.reduce((s, r) => s + r.right, 0) };
})();

const statsAfter = serverStats();
await everyone('stop');
procs.forEach((p) => p.disconnect());

const cpu = cpuStart && cpuEnd ? ((cpuEnd.cpuSeconds - cpuStart.cpuSeconds) / (wallMs / 1000)) * 100 : NaN;
const rss = statsAfter ? Math.max(statsAfter.rss, statsBefore?.rss ?? 0) : NaN;
log(`round changes: ${changes} x ${all.length} phones; duplicated ${duplicated}; reconnect storm: ${storm.right}/${all.length} right in ${storm.ms} ms`);
console.log(`phones=${all.length} delivered=${delivered}/${expected} p50=${percentile(latencies, 50)} p95=${percentile(latencies, 95)} p99=${percentile(latencies, 99)} ms ` +
  `join_p99=${percentile(joinTimes, 99)} ms storm=${storm.right}/${all.length} in ${storm.ms} ms duplicated=${duplicated} rss=${rss.toFixed(0)} MB cpu=${cpu.toFixed(0)}%`);
process.exit(delivered === expected && duplicated === 0 && storm.right === all.length ? 0 : 1);
