// One worker process of the load generator: holds its share of phones as real SignalR clients.
import * as signalR from '@microsoft/signalr';

let phones = [];

function connect(url, phone) {
  const connection = new signalR.HubConnectionBuilder()
    .withUrl(`${url}/hubs/live`, { transport: signalR.HttpTransportType.WebSockets, skipNegotiation: true })
    .configureLogging(signalR.LogLevel.None)
    .build();
  connection.serverTimeoutInMilliseconds = 120000;
  connection.on('Clock', (view) => {
    const now = Date.now();
    if (phone.seen.has(view.version)) {
      phone.duplicated++;
      return;
    }
    phone.seen.add(view.version);
    phone.version = Math.max(phone.version, view.version);
    phone.latencies.push(now - view.serverNowMs);
    phone.waiters.splice(0).forEach((w) => w());
  });
  connection.on('Itinerary', () => {});
  connection.on('PlanChanged', () => {});
  return connection;
}

async function join(url, phone) {
  phone.connection = connect(url, phone);
  await phone.connection.start();
  const me = await phone.connection.invoke('JoinPerson', phone.token);
  phone.version = Math.max(phone.version, me.clock.version);
  return me;
}

async function inBatches(items, size, work) {
  for (let k = 0; k < items.length; k += size) await Promise.all(items.slice(k, k + size).map(work));
}

process.on('message', async (message) => {
  const reply = (body) => process.send({ id: message.id, ...body });
  switch (message.type) {
    case 'phones':
      phones = message.phones.map((p) => ({ ...p, seen: new Set(), version: 0, latencies: [], duplicated: 0, waiters: [] }));
      reply({});
      break;
    case 'join': {
      const joinMs = [];
      let failed = 0;
      await inBatches(phones, 50, async (phone) => {
        const started = Date.now();
        try {
          await join(message.url, phone);
          joinMs.push(Date.now() - started);
        } catch {
          failed++;
        }
      });
      reply({ joinMs, failed });
      break;
    }
    case 'await': {
      await Promise.all(phones.map((phone) => new Promise((resolve) => {
        const target = message.versions[phone.event];
        if (phone.version >= target) {
          resolve();
          return;
        }
        const timer = setTimeout(resolve, message.timeoutMs);
        phone.waiters.push(function again() {
          if (phone.version >= target) {
            clearTimeout(timer);
            resolve();
          } else {
            phone.waiters.push(again);
          }
        });
      })));
      reply({});
      break;
    }
    case 'report':
      reply({
        latencies: phones.flatMap((p) => p.latencies),
        delivered: phones.reduce((s, p) => s + p.latencies.length, 0),
        duplicated: phones.reduce((s, p) => s + p.duplicated, 0),
      });
      break;
    case 'storm': {
      await Promise.all(phones.map((p) => p.connection.stop()));
      let right = 0;
      await Promise.all(phones.map(async (phone) => {
        for (let attempt = 0; attempt < 20; attempt++) {
          try {
            const me = await join(message.url, phone);
            if (me.clock.version >= message.versions[phone.event]) right++;
            return;
          } catch {
            await new Promise((r) => setTimeout(r, 100 * (attempt + 1)));
          }
        }
      }));
      reply({ right });
      break;
    }
    case 'stop':
      await Promise.all(phones.map((p) => p.connection?.stop()));
      reply({});
      break;
    default:
      break;
  }
});

