#!/usr/bin/env bash
# Load test of the live path: starts the app (Release) on 127.0.0.1, runs the load generator against it with the
# real @microsoft/signalr client in several Node workers, stops the app. The store is SQLite in a fresh folder, as a
# host runs it; STORE=InMemory runs the throw-away demo store instead.
#   bench/load/run.sh --events 40 --phones 125
# The last line: phones=5000 delivered=25000/25000 p50=.. p95=.. p99=.. ms ... rss=.. MB cpu=..%
set -euo pipefail
cd "$(dirname "$0")/../.."
port=${PORT:-5180}
dotnet build -c Release src/FlashMentoring.Web -v quiet -nologo >/dev/null
store=${STORE:-Sqlite}
data=$(mktemp -d)
# The generator creates every event from this one address without a device cookie: lift the creation limits.
Creation__PerDeviceBurst=100000 Creation__PerNetworkPerHour=100000 Creation__StoredPerDevice=100000 Creation__StoredPerNetwork=100000 \
Storage__Provider=$store Storage__DataFolder=$data ASPNETCORE_ENVIRONMENT=Production Logging__LogLevel__Default=Warning \
  dotnet src/FlashMentoring.Web/bin/Release/net10.0/FlashMentoring.Web.dll --urls "http://127.0.0.1:$port" >/tmp/flashmentoring-load-app.log 2>&1 &
app=$!
trap 'kill $app 2>/dev/null || true; sleep 0.5; rm -rf "$data"' EXIT
for _ in $(seq 1 100); do
  curl -fs "http://127.0.0.1:$port/" >/dev/null 2>&1 && break
  sleep 0.2
done
node bench/load/load.mjs --url "http://127.0.0.1:$port" --pid "$app" "$@"
