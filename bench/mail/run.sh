#!/usr/bin/env bash
# Invitations to a room of 125 through a real SMTP server on loopback: how long the host's request takes, and how long
# until every message has reached the relay. Not a test; figures go to docs/performance.md.
# Usage: PORT=5197 SMTP_PORT=2525 bench/mail/run.sh   (needs Debian's python3-aiosmtpd)
set -euo pipefail
cd "$(dirname "$0")/../.."
port=${PORT:-5197}
smtp=${SMTP_PORT:-2525}
box=$(mktemp -d)
/usr/bin/python3 tests/FlashMentoring.Web.Tests/Mail/smtp_sink.py "$smtp" "$box" > "$box.log" 2>&1 &
sink=$!
dotnet build -c Release src/FlashMentoring.Web -v q -nologo > /dev/null
dotnet src/FlashMentoring.Web/bin/Release/net10.0/FlashMentoring.Web.dll --urls "http://127.0.0.1:$port" \
  --Storage:Provider=${STORE:-Sqlite} --Storage:DataFolder="$box.data" --Mail:Host=127.0.0.1 --Mail:Port="$smtp" \
  --Mail:Security=none --Mail:From=mentoring@example.gov > "$box.app.log" 2>&1 &
app=$!
trap 'kill $app $sink 2>/dev/null; rm -rf "$box" "$box.data" "$box.log" "$box.app.log"' EXIT
until curl -sf "http://127.0.0.1:$port/healthz" > /dev/null; do sleep 0.2; done
/usr/bin/python3 - "$port" "$box" <<'PY'
import json, os, sys, time, urllib.request
port, box = sys.argv[1], sys.argv[2]
base = f"http://127.0.0.1:{port}"
def call(method, path, body=None, key=None, kind="application/json"):
    data = body if isinstance(body, bytes) else (json.dumps(body).encode() if body is not None else None)
    req = urllib.request.Request(base + path, data=data, method=method, headers={"Content-Type": kind, **({"X-Host-Key": key} if key else {})})
    with urllib.request.urlopen(req) as r:
        return json.loads(r.read() or b"{}")
created = call("POST", "/api/events", {"title": "Mail bench", "startsAt": "2026-12-20T09:00:00-05:00"})
key, eid = created["hostKey"], created["id"]
roster = open("samples/roster-100x25.csv", "rb").read()
call("PUT", f"/api/events/{eid}/roster", roster, key, "text/csv")
started = time.perf_counter()
answer = call("POST", f"/api/events/{eid}/invitations", b"", key)
request_ms = (time.perf_counter() - started) * 1000
queued = answer["queued"]
first_ms = None
while (arrived := len([f for f in os.listdir(box) if f.endswith(".eml")])) < queued:
    if arrived and first_ms is None:
        first_ms = (time.perf_counter() - started) * 1000
    time.sleep(0.01)
all_ms = (time.perf_counter() - started) * 1000
size = sum(os.path.getsize(os.path.join(box, f)) for f in os.listdir(box) if f.endswith(".eml")) / queued
print(f"invitations queued: {queued}; POST /invitations answered in {request_ms:.0f} ms; first at the relay after {first_ms or all_ms:.0f} ms; all {queued} at the relay after {all_ms:.0f} ms; {size / 1024:.1f} KB a message")
PY
