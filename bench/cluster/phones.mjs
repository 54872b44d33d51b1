// One worker process of the cluster drill: holds its share of phones, each a real @microsoft/signalr client that
// reaches the app through nginx as a browser does. It has the device cookie the app gave its first page (so nginx
// routes it by device), negotiates (no skipNegotiation: the negotiate and the transport must reach the same node),
// reconnects forever with live.js's backoff, and joins again on every reconnect for a fresh snapshot, as live.js does.
import * as signalR from '@microsoft/signalr';

let phones = [];
// "127.0.0.1:5381" -> "node1", from run.sh's FM_CLUSTER_NODES.
const nodeOfPort = new Map((process.env.FM_CLUSTER_NODES ?? '').split(' ').filter(Boolean).map((pair) => {
  const [name, port] = pair.split('=');
  return [port, name];
}));

function nodeOf(upstream) {
  // nginx lists every node it tried ("127.0.0.1:5381, 127.0.0.1:5382"): the last one answered.
  const last = (upstream ?? '').split(',').pop().trim();
  return nodeOfPort.get(last.split(':').pop()) ?? (last || 'unknown');
}

/** The phone's HTTP: fetch with its device cookie, noting which node answered the negotiate (nginx's X-Upstream). */
class PhoneHttp extends signalR.HttpClient {
  constructor(phone) {
    super();
    this.phone = phone;
  }

  async send(request) {
    if (request.abortSignal?.aborted) throw new signalR.AbortError();
    const controller = new AbortController();
    if (request.abortSignal) request.abortSignal.onabort = () => controller.abort();
    const timer = request.timeout ? setTimeout(() => controller.abort(), request.timeout) : null;
    try {
      const response = await fetch(request.url, {
        method: request.method,
        headers: { ...request.headers, Cookie: this.getCookieString() },
        body: request.content,
        signal: controller.signal,
      });
      const text = await response.text();
      if (!response.ok) throw new signalR.HttpError(text.slice(0, 200) || response.statusText, response.status);
      if (request.url.includes('/negotiate')) this.phone.negotiatedWith = nodeOf(response.headers.get('x-upstream'));
      return new signalR.HttpResponse(response.status, response.statusText, text);
    } catch (error) {
      if (controller.signal.aborted) throw request.abortSignal?.aborted ? new signalR.AbortError() : new signalR.TimeoutError();
      throw error;
    } finally {
      clearTimeout(timer);
    }
  }

  // The WebSocket's upgrade request carries it too (the client asks for it in Node).
  getCookieString() {
    return `fm-device=${this.phone.cookie}`;
  }
}

// live.js's backoff: 0.5 s doubling to 15 s, +-20%.
const backoff = (retry) => Math.round(Math.min(15000, 500 * 2 ** retry) * (0.8 + Math.random() * 0.4));

function build(url, phone) {
  const connection = new signalR.HubConnectionBuilder()
    .withUrl(`${url}/hubs/live`, { httpClient: new PhoneHttp(phone), timeout: 10000 })
    .withAutomaticReconnect({ nextRetryDelayInMilliseconds: (context) => backoff(context.previousRetryCount) })
    .withServerTimeout(10000)
    .configureLogging(signalR.LogLevel.None)
    .build();
  connection.on('Clock', (view) => {
    const now = Date.now();
    const seen = phone.pushes.get(view.version);
    if (seen) {
      seen.count++;
      phone.duplicated++;
      return;
    }
    phone.pushes.set(view.version, { at: now, serverNowMs: view.serverNowMs, count: 1 });
    phone.latencies.push([now, now - view.serverNowMs]);
    phone.version = Math.max(phone.version, view.version);
    wake(phone);
  });
  // As me.js: a new itinerary, or "plan changed" (also what a node sends its phones after Redis was away), and the
  // phone reads its whole view again, at a random moment within 3 s so a room does not ask at once.
  const later = () => setTimeout(() => sync(phone).catch(() => {}), Math.random() * 3000);
  connection.on('Itinerary', later);
  connection.on('PlanChanged', later);
  for (const name of ['PeopleChanged', 'RoomChanged', 'PresenceChanged', 'FeedbackChanged', 'EventDeleted']) connection.on(name, () => {});
  connection.onreconnecting(() => {
    phone.connected = false;
    phone.reconnects++;
  });
  connection.onreconnected(() => sync(phone));
  return connection;
}

/** Joins (again): the phone's whole view back, whose clock is the snapshot it shows. Retried until it succeeds. */
async function sync(phone) {
  if (phone.syncing) return phone.syncing;
  phone.syncing = (async () => {
    for (let attempt = 0; !phone.stopped; attempt++) {
      try {
        const me = await phone.connection.invoke('JoinPerson', phone.token);
        const now = Date.now();
        phone.snapshots.push({ at: now, version: me.clock.version });
        phone.maxSnapshot = Math.max(phone.maxSnapshot, me.clock.version);
        phone.version = Math.max(phone.version, me.clock.version);
        phone.node = phone.negotiatedWith;
        phone.joinedAt = now;
        phone.connected = true;
        wake(phone);
        return;
      } catch {
        if (phone.connection.state !== signalR.HubConnectionState.Connected) return; // onreconnected calls again
        await new Promise((r) => setTimeout(r, backoff(attempt)));
      }
    }
  })().finally(() => { phone.syncing = null; });
  return phone.syncing;
}

function wake(phone) {
  phone.waiters.splice(0).forEach((w) => w());
}

/** Resolves with the time `test(phone)` first held, or null after the deadline. */
function until(phone, test, deadline) {
  return new Promise((resolve) => {
    if (test(phone)) {
      resolve(Date.now());
      return;
    }
    const timer = setTimeout(() => resolve(null), Math.max(0, deadline - Date.now()));
    const check = () => {
      if (test(phone)) {
        clearTimeout(timer);
        resolve(Date.now());
      } else {
        phone.waiters.push(check);
      }
    };
    phone.waiters.push(check);
  });
}

async function inBatches(items, size, work) {
  for (let k = 0; k < items.length; k += size) await Promise.all(items.slice(k, k + size).map(work));
}

/** The device cookie a browser gets with its first page (the personal link opens /me). */
async function firstPage(url, phone) {
  const response = await fetch(`${url}/me`);
  await response.arrayBuffer();
  const cookie = /fm-device=([^;]+)/.exec(response.headers.get('set-cookie') ?? '');
  if (!cookie) throw new Error(`GET /me gave no device cookie (status ${response.status})`);
  phone.cookie = cookie[1];
}

const count = (list) => list.reduce((counts, key) => ({ ...counts, [key]: (counts[key] ?? 0) + 1 }), {});

process.on('message', async (message) => {
  const reply = (body) => process.send({ id: message.id, ...body });
  switch (message.type) {
    case 'phones':
      phones = message.phones.map((p) => ({
        ...p, cookie: null, connection: null, node: null, negotiatedWith: null, connected: false, stopped: false, syncing: null,
        version: 0, joinVersion: 0, maxSnapshot: 0, pushes: new Map(), snapshots: [], latencies: [], duplicated: 0, reconnects: 0,
        joinedAt: 0, waiters: [], marked: null,
      }));
      reply({});
      break;
    case 'join': {
      const joinMs = [];
      let failed = 0;
      await inBatches(phones, 25, async (phone) => {
        const started = Date.now();
        try {
          await firstPage(message.url, phone);
          phone.connection = build(message.url, phone);
          await phone.connection.start();
          await sync(phone);
          phone.joinVersion = phone.version;
          joinMs.push(Date.now() - started);
        } catch (error) {
          if (failed++ === 0) console.error(`phone ${phone.token.slice(0, 6)}: ${error.message}`);
        }
      });
      reply({ joinMs, failed, nodes: count(phones.filter((p) => p.connected).map((p) => p.node)) });
      break;
    }
    case 'nodes':
      reply({ nodes: count(phones.map((p) => (p.connected ? p.node : 'not connected'))) });
      break;
    case 'mark':
      // Who is where at this instant (just before a node is killed).
      for (const phone of phones) phone.marked = phone.connected ? phone.node : null;
      reply({});
      break;
    case 'settle': {
      // Every phone (or those marked on one node) on the server's version, and, with `rejoinedSince`, joined again since
      // then (a phone of a killed node holds the right version until it notices; only its new snapshot counts).
      const deadline = Date.now() + message.timeoutMs;
      const chosen = phones.filter((p) => !message.marked || p.marked === message.marked);
      const times = await Promise.all(chosen.map((phone) => until(phone, (p) =>
        p.version >= message.versions[p.event] && p.connected && (!message.rejoinedSince || p.joinedAt >= message.rejoinedSince), deadline)));
      const late = chosen.filter((_, k) => times[k] === null);
      reply({
        phones: chosen.length,
        right: times.filter((t) => t !== null).length,
        lastMs: Math.max(0, ...times.filter((t) => t !== null)),
        wrong: late.slice(0, 3).map((p) => ({ event: p.event, version: p.version, want: message.versions[p.event], connected: p.connected, node: p.node })),
        nodes: count(chosen.map((p) => (p.connected ? p.node : 'not connected'))),
      });
      break;
    }
    case 'pushes': {
      // For one version per event: when each phone got it pushed, how many times, and the server's instant in it.
      const rows = phones.map((p) => ({ event: p.event, marked: p.marked, push: p.pushes.get(message.versions[p.event]) ?? null, version: p.version }));
      reply({ rows: rows.map((r) => ({ event: r.event, marked: r.marked, at: r.push?.at ?? null, serverNowMs: r.push?.serverNowMs ?? null, count: r.push?.count ?? 0, version: r.version })) });
      break;
    }
    case 'report': {
      // Each phone should have every version after the one it joined on, up to the event's final one: pushed, or else
      // recovered: the phone later held that version or a later one, from a snapshot (a join) or a later push (a clock
      // push carries the whole clock in absolute instants, so the later state supersedes the one skipped over).
      let expected = 0;
      let delivered = 0;
      let missed = 0;
      let bySnapshot = 0;
      for (const phone of phones) {
        const final = message.versions[phone.event];
        for (let v = phone.joinVersion + 1; v <= final; v++) {
          expected++;
          if (phone.pushes.has(v)) delivered++;
          else if (phone.version < v) missed++;
          else if (phone.maxSnapshot >= v) bySnapshot++;
        }
      }
      reply({
        expected, delivered, missed, bySnapshot,
        duplicated: phones.reduce((s, p) => s + p.duplicated, 0),
        latencies: phones.flatMap((p) => p.latencies),
        reconnects: phones.reduce((s, p) => s + p.reconnects, 0),
      });
      break;
    }
    case 'stop':
      for (const phone of phones) phone.stopped = true;
      await Promise.all(phones.map((p) => p.connection?.stop().catch(() => {})));
      reply({});
      break;
    default:
      break;
  }
});
