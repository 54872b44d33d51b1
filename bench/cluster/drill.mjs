// The failure drill of a cluster that deploy/cluster/run.sh started (bench/cluster/run.sh starts one and runs this).
// Phones are real @microsoft/signalr clients (phones.mjs, in worker processes) that reach the app through nginx as
// browsers do. Phases:
//   (a) events created, rosters uploaded, clocks started, then round changes commanded by the host, all through nginx;
//       every phone must get every change (latency: the server's instant in the pushed clock to the phone's receipt).
//   (b) every event is sent into a one-minute change of tables, then one node is killed with SIGKILL: its phones must
//       reconnect through nginx to a live node and show the server's clock (failover_s: from the kill until the last
//       of them has); the change of tables must end on time, once, on every event, the killed node's included.
//   (c) Redis is stopped for 10 s while the host changes rounds, then started: every phone must end on the right state.
//   (d) PostgreSQL is restarted (pg_ctl restart -m fast): the next commands must succeed and every phone be right.
// The last line: nodes=2 phones=N delivered=x/y missed=0 duplicated=0 failover_s=.. p99=.. ms redis_outage_recovered=N/N
//
//   node bench/cluster/drill.mjs --events 8 --phones 125 [--changes 5] [--workers 2] [--kill node1] [--kill-before-due S]
//                                [--redis-outage 10]
import { execFile, fork } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { promisify } from 'node:util';
import * as signalR from '@microsoft/signalr';

const args = Object.fromEntries(process.argv.slice(2).reduce((pairs, a, k, all) => (a.startsWith('--') ? [...pairs, [a.slice(2), all[k + 1]]] : pairs), []));
const events = Number(args.events ?? 2);
const phonesPerEvent = Number(args.phones ?? 20);
const changes = Number(args.changes ?? 5);
const workers = Number(args.workers ?? 2);
const outageMs = Number(args['redis-outage'] ?? 10) * 1000;
const url = process.env.FM_CLUSTER_URL;
const ctl = process.env.FM_CLUSTER_CTL;
if (!url || !ctl) {
  console.error('drill.mjs runs against a cluster: bench/cluster/run.sh, or deploy/cluster/run.sh --nodes 2 -- node bench/cluster/drill.mjs');
  process.exit(2);
}
const nodes = process.env.FM_CLUSTER_NODES.split(' ').map((pair) => pair.split('=')[0]);
const postgres = process.env.FM_CLUSTER_STORAGE === 'Postgres';

const log = (...a) => console.error(...a);
const sleep = (ms) => new Promise((r) => setTimeout(r, Math.max(0, ms)));
const run = promisify(execFile);
const cluster = async (...a) => (await run(ctl, a)).stdout.trim();
const seconds = (ms) => (ms / 1000).toFixed(1);
const percentile = (sorted, p) => (sorted.length ? sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] : NaN);
const countsText = (counts) => Object.entries(counts).sort().map(([k, v]) => `${k}=${v}`).join(' ');

// Each event's host is a browser with its own device cookie (from the first page), so nginx routes each host's
// commands to a node of its own, as it would the host consoles of different offices.
async function hostCookie() {
  const response = await fetch(`${url}/`);
  await response.arrayBuffer();
  const cookie = /fm-device=([^;]+)/.exec(response.headers.get('set-cookie') ?? '');
  if (!cookie) throw new Error(`GET / gave no device cookie (status ${response.status})`);
  return `fm-device=${cookie[1]}`;
}

async function api(path, options = {}, cookie = null) {
  const response = await fetch(url + path, cookie ? { ...options, headers: { ...options.headers, Cookie: cookie } } : options);
  const text = await response.text();
  if (!response.ok) throw new Error(`${options.method ?? 'GET'} ${path}: ${response.status} ${text.slice(0, 300)}`);
  return text ? JSON.parse(text) : null;
}

function roster(n, e) {
  // One mentor per five phones, the rest mentees, four to a table (as bench/load).
  const mentors = Math.max(1, Math.round(n / 5));
  const lines = ['role,name,email,agency'];
  for (let k = 0; k < n; k++) lines.push(`${k < mentors ? 'mentor' : 'mentee'},Person ${e}-${k},p${e}-${k}@drill.test,AG${k % 7}`);
  return lines.join('\n') + '\n';
}

// ---- the host's side: commands through nginx, the clock each event is on ----
const created = [];
const clock = new Map();

async function command(ev, name, body = {}) {
  const view = await api(`/api/events/${ev.id}/clock/${name}`, { method: 'POST', headers: { 'X-Host-Key': ev.key, 'Content-Type': 'application/json' }, body: JSON.stringify(body) }, ev.cookie);
  clock.set(ev.id, view);
  return view;
}

const skip = (ev, skipChange) => command(ev, 'skip', { expectedRound: clock.get(ev.id).round, expectedVersion: clock.get(ev.id).version, skipChange });

async function readClocks() {
  for (const ev of created) clock.set(ev.id, await api(`/api/events/${ev.id}/clock`, {}, ev.cookie));
  return versions();
}

const versions = (plus = 0) => Object.fromEntries(created.map((ev) => [ev.id, clock.get(ev.id).version + plus]));

// ---- the nodes' side: memory and CPU from /proc, Redis's count of PUBLISH, the clock leases in PostgreSQL ----
async function nodeStats() {
  const stats = {};
  for (const name of nodes) {
    try {
      const pid = await cluster('pid', name);
      const rss = Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))[1]) / 1024;
      const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
      stats[name] = { rss, cpuSeconds: (Number(fields[11]) + Number(fields[12])) / 100 };
    } catch {
      stats[name] = null;
    }
  }
  return stats;
}

/** nginx's workers' memory (MB), and Redis's own (its INFO), for the sizing in docs/scale.md. */
async function edgeStats() {
  const out = {};
  try {
    const master = readFileSync(`${process.env.FM_CLUSTER_DIR}/nginx/nginx.pid`, 'utf8').trim();
    const { stdout } = await run('ps', ['--ppid', master, '-o', 'rss=']);
    out.nginx = stdout.split('\n').filter(Boolean).reduce((sum, kb) => sum + Number(kb), 0) / 1024;
  } catch {
    out.nginx = NaN;
  }
  try {
    const { stdout } = await run('redis-cli', ['-h', '127.0.0.1', '-p', process.env.FM_CLUSTER_REDIS_PORT, 'info', 'memory']);
    out.redis = Number(/used_memory_rss:(\d+)/.exec(stdout)?.[1] ?? NaN) / 1024 / 1024;
  } catch {
    out.redis = NaN;
  }
  return out;
}

async function redisPublishes() {
  try {
    const { stdout } = await run('redis-cli', ['-h', '127.0.0.1', '-p', process.env.FM_CLUSTER_REDIS_PORT, 'info', 'commandstats']);
    return Number(/cmdstat_publish:calls=(\d+)/.exec(stdout)?.[1] ?? 0);
  } catch {
    return NaN;
  }
}

/** Which node holds each event's clock (the ClockLeases table), or null when the store does not say. */
async function leases() {
  try {
    const rows = await cluster('sql', 'SELECT "EventId", "Node" FROM "ClockLeases"');
    const owners = new Map(rows.split('\n').filter(Boolean).map((line) => line.split('|')).map(([id, node]) => [id.toLowerCase(), node]));
    return owners.size ? owners : null;
  } catch {
    return null;
  }
}

/** A board opening its connection through nginx: true when it joined the event's group, else what went wrong. */
async function probe(ev) {
  const connection = new signalR.HubConnectionBuilder().withUrl(`${url}/hubs/live`, { timeout: 10000 }).configureLogging(signalR.LogLevel.None).build();
  let closed = null;
  connection.onclose((error) => { closed = error?.message ?? 'closed'; });
  try {
    await connection.start();
    await connection.invoke('Join', ev.id);
    return true;
  } catch (error) {
    return closed ?? String(error?.message ?? error);
  } finally {
    await connection.stop().catch(() => {});
  }
}

// ---- the phones' side: worker processes ----
let procs = [];
let asked = 0;
const ask = (proc, message) => new Promise((resolve) => {
  const id = `${message.type}-${++asked}`;
  const handler = (reply) => {
    if (reply.id === id) {
      proc.off('message', handler);
      resolve(reply);
    }
  };
  proc.on('message', handler);
  proc.send({ ...message, id });
});
const everyone = (type, extra = {}) => Promise.all(procs.map((p) => ask(p, { type, ...extra })));
const merge = (replies, key) => replies.reduce((all, r) => {
  for (const [k, v] of Object.entries(r[key])) all[k] = (all[k] ?? 0) + v;
  return all;
}, {});

async function settle(what, extra) {
  const replies = await everyone('settle', extra);
  return {
    phones: replies.reduce((s, r) => s + r.phones, 0),
    right: replies.reduce((s, r) => s + r.right, 0),
    lastMs: Math.max(...replies.map((r) => r.lastMs)),
    wrong: replies.flatMap((r) => r.wrong).slice(0, 3),
    nodes: merge(replies, 'nodes'),
  };
}

const problems = [];
const phaseStarts = [];
let failoverMs = NaN;
let recovered = { right: 0, phones: 0 };

try {
  // ---- (a) events, phones, round changes ----
  log(`drill: ${nodes.length} nodes behind ${url}, ${events} events x ${phonesPerEvent} phones, store ${process.env.FM_CLUSTER_STORAGE}`);
  for (let e = 0; e < events; e++) {
    // One-minute rounds and changes of tables: the shortest honest wait for a transition the clock fires by itself.
    const cookie = await hostCookie();
    const ev = await api('/api/events', { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ title: `Drill ${e}`, startsAt: new Date().toISOString(), rounds: 20, roundMinutes: 1, transitionMinutes: 1, seatsPerTable: 4 }) }, cookie);
    const headers = { 'X-Host-Key': ev.hostKey };
    await api(`/api/events/${ev.id}/roster`, { method: 'PUT', headers: { ...headers, 'Content-Type': 'text/csv' }, body: roster(phonesPerEvent, e) }, cookie);
    const people = await api(`/api/events/${ev.id}/people`, { headers }, cookie);
    created.push({ id: ev.id, key: ev.hostKey, cookie, tokens: people.map((p) => p.link.split('#t=')[1]) });
  }
  log(`(a) created ${events} events through nginx`);

  const all = created.flatMap((ev) => ev.tokens.map((token) => ({ event: ev.id, token })));
  procs = Array.from({ length: workers }, () => fork(new URL('./phones.mjs', import.meta.url), [], { stdio: ['ignore', 'inherit', 'inherit', 'ipc'] }));
  await Promise.all(procs.map((p, w) => ask(p, { type: 'phones', phones: all.filter((_, k) => k % workers === w) })));
  const joinStarted = Date.now();
  const joined = await everyone('join', { url });
  const failedJoins = joined.reduce((s, r) => s + r.failed, 0);
  const joinTimes = joined.flatMap((r) => r.joinMs).sort((a, b) => a - b);
  log(`(a) joined ${all.length - failedJoins}/${all.length} phones in ${seconds(Date.now() - joinStarted)} s (join p99 ${percentile(joinTimes, 99)} ms); phones per node: ${countsText(merge(joined, 'nodes'))}`);
  if (failedJoins > 0) problems.push(`${failedJoins} phones could not join`);

  for (const ev of created) await command(ev, 'start');
  await everyone('settle', { versions: versions(), timeoutMs: 10000 });
  const statsBefore = await nodeStats();
  const publishesBefore = await redisPublishes();
  const roundsStarted = Date.now();
  phaseStarts.push(['a', roundsStarted]);
  for (let c = 0; c < changes; c++) {
    await Promise.all(created.map((ev) => skip(ev, true)));
    const got = await settle('change', { versions: versions(), timeoutMs: 10000 });
    if (got.right < got.phones) problems.push(`(a) change ${c + 1}: ${got.phones - got.right} phones never got it`);
  }
  const roundsMs = Date.now() - roundsStarted;
  const statsAfter = await nodeStats();
  const publishes = (await redisPublishes()) - publishesBefore;
  const phaseA = (await everyone('report', { versions: versions() })).flatMap((r) => r.latencies).filter(([at]) => at >= roundsStarted).map(([, ms]) => ms).sort((a, b) => a - b);
  log(`(a) ${changes} round changes x ${all.length} phones: p50 ${percentile(phaseA, 50)} p99 ${percentile(phaseA, 99)} ms; ` +
    `Redis PUBLISH ${Number.isNaN(publishes) ? 'n/a' : publishes} (${(publishes / (changes * events)).toFixed(1)} per change of one event)`);
  for (const name of nodes) {
    const [b, a] = [statsBefore[name], statsAfter[name]];
    if (a) log(`(a) ${name}: RSS ${a.rss.toFixed(0)} MB, CPU ${(((a.cpuSeconds - b.cpuSeconds) / (roundsMs / 1000)) * 100).toFixed(0)}% during the round changes`);
  }
  const edge = await edgeStats();
  log(`(a) nginx workers RSS ${edge.nginx.toFixed(0)} MB, Redis RSS ${edge.redis.toFixed(0)} MB`);

  // ---- (b) a node killed in the middle of a change of tables ----
  const owners = await leases();
  const phonesOn = merge(await everyone('nodes'), 'nodes');
  const owned = (name) => (owners ? [...owners.values()].filter((n) => n === name).length : 0);
  // The node whose death costs most: the one holding most clocks, else the one with most phones.
  const victim = args.kill ?? [...nodes].sort((x, y) => owned(y) - owned(x) || (phonesOn[y] ?? 0) - (phonesOn[x] ?? 0))[0];
  log(`(b) clocks held: ${owners ? countsText(Object.fromEntries(nodes.map((n) => [n, owned(n)]))) : 'not known (no ClockLeases rows)'}; phones: ${countsText(phonesOn)}`);
  phaseStarts.push(['b', Date.now()]);
  await Promise.all(created.map((ev) => skip(ev, false)));
  const endsAt = new Map(created.map((ev) => [ev.id, clock.get(ev.id).endsAtMs]));
  const inChange = versions();
  const delivered = await settle('change', { versions: inChange, timeoutMs: 10000 });
  log(`(b) every event in a change of tables ending in ${seconds(Math.max(...endsAt.values()) - Date.now())} s; ${delivered.right}/${delivered.phones} phones got it`);
  // By default the node dies early in the change of tables; --kill-before-due S kills it S seconds before the change
  // ends, the worst moment for the clock (its lease must run out and be taken before the transition can fire).
  const killBeforeDue = args['kill-before-due'] === undefined ? null : Number(args['kill-before-due']) * 1000;
  await sleep(killBeforeDue === null ? 3000 : Math.min(...endsAt.values()) - killBeforeDue - Date.now());
  await everyone('mark');
  const killedAt = Date.now();
  await cluster('kill', victim);
  log(`(b) ${victim} killed (SIGKILL) holding ${phonesOn[victim] ?? 0} phones${owners ? ` and ${owned(victim)} clocks` : ''}`);
  const back = await settle('failover', { versions: inChange, marked: victim, rejoinedSince: killedAt, timeoutMs: 60000 });
  failoverMs = back.lastMs - killedAt;
  log(`(b) ${back.right}/${back.phones} of ${victim}'s phones back on the server's clock through nginx in ${seconds(failoverMs)} s, now on: ${countsText(back.nodes)}`);
  if (back.right < back.phones) {
    problems.push(`(b) ${back.phones - back.right} of ${victim}'s phones not back: ${JSON.stringify(back.wrong)}`);
    failoverMs = NaN;
  }

  // Nothing reads the clock until the change of tables has ended: a read would save the transition itself.
  const dueLast = Math.max(...endsAt.values());
  const fired = await settle('transition', { versions: versions(1), timeoutMs: dueLast + 30000 - Date.now() });
  const rows = (await everyone('pushes', { versions: versions(1) })).flatMap((r) => r.rows);
  const lateness = [];
  for (const ev of created) {
    const mine = rows.filter((r) => r.event === ev.id && r.at !== null);
    if (!mine.length) continue;
    lateness.push({
      event: ev.id,
      server: Math.min(...mine.map((r) => r.serverNowMs)) - endsAt.get(ev.id),
      phones: Math.max(...mine.map((r) => r.at)) - endsAt.get(ev.id),
      owner: owners?.get(ev.id) ?? null,
    });
  }
  const twice = rows.filter((r) => r.count > 1).length;
  const ownersAfter = await leases();
  if (owners && ownersAfter) {
    const moved = created.filter((ev) => owners.get(ev.id) === victim).map((ev) => ownersAfter.get(ev.id) ?? 'nobody');
    log(`(b) ${victim}'s ${moved.length} clocks are now held by: ${countsText(moved.reduce((c, n) => ({ ...c, [n]: (c[n] ?? 0) + 1 }), {}))}`);
  }
  const serverLate = lateness.map((l) => l.server).sort((a, b) => a - b);
  const ofVictim = lateness.filter((l) => l.owner === victim).map((l) => l.server);
  log(`(b) the change of tables ended by itself on ${lateness.length}/${events} events: fired ${percentile(serverLate, 0)} to ${serverLate.at(-1)} ms after its time` +
    `${owners ? ` (${victim}'s ${ofVictim.length} events: up to ${Math.max(...ofVictim)} ms)` : ''}, last phone ${Math.max(...lateness.map((l) => l.phones))} ms after; ` +
    `${fired.right}/${fired.phones} phones on it, ${twice} got it twice`);
  if (lateness.length < events) problems.push(`(b) ${events - lateness.length} events' change of tables reached no phone by push`);
  if (fired.right < fired.phones) problems.push(`(b) ${fired.phones - fired.right} phones not on the round after the change of tables: ${JSON.stringify(fired.wrong)}`);
  const expected = versions(1);
  const now = await readClocks();
  const extra = created.filter((ev) => now[ev.id] !== expected[ev.id] || clock.get(ev.id).phase !== 'round');
  if (extra.length) problems.push(`(b) ${extra.length} events not exactly one transition on: ${extra.map((ev) => `v${now[ev.id]} ${clock.get(ev.id).phase} (want v${expected[ev.id]} round)`).join(', ')}`);

  // ---- (c) Redis stopped for 10 s while the host changes rounds ----
  const redisStopped = Date.now();
  phaseStarts.push(['c', redisStopped]);
  await cluster('redis-stop');
  log(`(c) Redis stopped for ${outageMs / 1000} s`);
  for (const at of [2000, 6000]) {
    await sleep(redisStopped + at - Date.now());
    const done = await Promise.allSettled(created.map((ev) => skip(ev, true)));
    const refused = done.filter((d) => d.status === 'rejected');
    log(`(c) round change commanded on ${events} events during the outage: ${events - refused.length} answered OK${refused.length ? `, ${refused.length} failed (${refused[0].reason.message.slice(0, 160)})` : ''}`);
  }
  // What a phone that reconnects meanwhile (its network dropped, its node died) meets.
  const joins = await Promise.all(created.slice(0, 3).map(probe));
  const refusedJoins = joins.filter((j) => j !== true);
  log(`(c) a new connection during the outage: ${joins.length - refusedJoins.length}/${joins.length} joined${refusedJoins.length ? ` (${refusedJoins[0]})` : ''}`);
  await sleep(redisStopped + outageMs - Date.now());
  await cluster('redis-start');
  const redisBack = Date.now();
  const afterOutage = await readClocks();
  recovered = await settle('redis', { versions: afterOutage, timeoutMs: 60000 });
  log(`(c) Redis started again: ${recovered.right}/${recovered.phones} phones on the server's clock ${recovered.right ? `${seconds(recovered.lastMs - redisBack)} s after it was back` : ''}`);
  if (recovered.right < recovered.phones) problems.push(`(c) ${recovered.phones - recovered.right} phones stale after the Redis outage: ${JSON.stringify(recovered.wrong)}`);

  // ---- (d) PostgreSQL restarted ----
  if (postgres) {
    const restartStarted = Date.now();
    phaseStarts.push(['d', restartStarted]);
    await cluster('postgres-restart');
    log(`(d) PostgreSQL restarted (pg_ctl restart -m fast) in ${seconds(Date.now() - restartStarted)} s`);
    let failures = 0;
    await Promise.all(created.map(async (ev) => {
      for (let attempt = 1; ; attempt++) {
        try {
          await skip(ev, true);
          return;
        } catch (error) {
          if (failures++ === 0) log(`(d) a command failed: ${error.message.slice(0, 200)}`);
          if (attempt === 5) throw error;
          await readClocks().catch(() => {});
          await sleep(1000);
        }
      }
    }));
    if (failures) problems.push(`(d) ${failures} commands failed after the restart before one succeeded`);
    const afterRestart = versions();
    const right = await settle('postgres', { versions: afterRestart, timeoutMs: 30000 });
    log(`(d) round change after the restart: ${events - Math.min(events, failures)}/${events} commands succeeded at the first try; ${right.right}/${right.phones} phones on it`);
    if (right.right < right.phones) problems.push(`(d) ${right.phones - right.right} phones not on the round commanded after the restart`);
  } else {
    log('(d) skipped: the cluster runs on SQLite (run.sh --storage Sqlite), there is no PostgreSQL to restart');
  }

  // ---- the count ----
  const finals = await readClocks();
  const endStats = await nodeStats();
  log(`at the end: ${nodes.filter((n) => endStats[n]).map((n) => `${n} RSS ${endStats[n].rss.toFixed(0)} MB`).join(', ')} ` +
    `(phones: ${countsText(merge(await everyone('nodes'), 'nodes'))}); Redis PUBLISH since its restart in (c): ${await redisPublishes()}`);
  const reports = await everyone('report', { versions: finals });
  const sum = (key) => reports.reduce((s, r) => s + r[key], 0);
  const latencies = reports.flatMap((r) => r.latencies).map(([, ms]) => ms).sort((a, b) => a - b);
  const [x, y, missed, duplicated] = [sum('delivered'), sum('expected'), sum('missed'), sum('duplicated')];
  if (missed) problems.push(`${missed} round changes missed`);
  if (duplicated) problems.push(`${duplicated} pushes duplicated`);
  const byPhase = phaseStarts.map(([name, from], k) => {
    const to = phaseStarts[k + 1]?.[1] ?? Infinity;
    const mine = reports.flatMap((r) => r.latencies).filter(([at]) => at >= from && at < to).map(([, ms]) => ms).sort((a, b) => a - b);
    return `(${name}) ${mine.length} pushes p50 ${percentile(mine, 50)} p99 ${percentile(mine, 99)} ms`;
  });
  log(`push latency by phase: ${byPhase.join('; ')}`);
  log(`not pushed but recovered: ${y - x - missed} (${sum('bySnapshot')} of them by a snapshot, the rest by a later push); ` +
    `reconnects over the drill: ${sum('reconnects')}; phones per node at the end: ${countsText(merge(await everyone('nodes'), 'nodes'))}`);
  for (const problem of problems) log(`PROBLEM ${problem}`);
  await everyone('stop');
  console.log(`nodes=${nodes.length} phones=${all.length} delivered=${x}/${y} missed=${missed} duplicated=${duplicated} ` +
    `failover_s=${Number.isNaN(failoverMs) ? 'none' : seconds(failoverMs)} p99=${percentile(latencies, 99)} ms redis_outage_recovered=${recovered.right}/${recovered.phones}`);
  process.exitCode = problems.length ? 1 : 0;
} catch (error) {
  log(`drill: ${error.stack ?? error}`);
  process.exitCode = 1;
} finally {
  procs.forEach((p) => p.kill());
}
