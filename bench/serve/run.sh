#!/usr/bin/env bash
# segment serve under load: trains and promotes the smoke sweep's champion on the shipped data into a scratch tracking
# store, starts `segment serve` on it, and runs wrk against POST /v1/segments with 1-customer and 100-customer bodies
# at 1, 16 and 64 connections. Loopback only; every wrk run is bounded by DURATION.
#
#   bench/serve/run.sh            (from anywhere; needs wrk and python3: apt-get install -y wrk)
#   DURATION=10s PORT=18080 bench/serve/run.sh
#
# Prints one line per case: body, connections, requests/s, p50 and p99 latency (ms), errors. Ends with SIGTERM and
# checks the server exits 0 (graceful shutdown).
set -euo pipefail
cd "$(dirname "$0")/../.."
duration="${DURATION:-10s}"
port="${PORT:-18080}"
work="$(mktemp -d /tmp/serve-bench.XXXXXX)"
uri="sqlite:///$work/mlflow.db"
base="http://127.0.0.1:$port"
command -v wrk >/dev/null || { echo "wrk not found: apt-get install -y wrk" >&2; exit 1; }

if ! build_log=$(dotnet build src/Segmentation.Cli -c Release -nologo 2>&1); then
  echo "$build_log" | grep -E "error" >&2
  exit 1
fi
segment="src/Segmentation.Cli/bin/Release/net10.0/Segmentation.Cli"

echo "== training the champion (configs/smoke.yaml on data/online_retail.csv.gz) into $work"
"$segment" sweep configs/smoke.yaml --tracking-uri "$uri" >"$work/sweep.log"
"$segment" promote --config configs/smoke.yaml --tracking-uri "$uri" --min 0 >"$work/promote.log"

"$segment" serve --model models:/customer-segments-smoke@champion --tracking-uri "$uri" --urls "$base" \
  --model-cache "$work/models" --max-batch 1000 >"$work/serve.out" 2>"$work/requests.log" &
server=$!
trap 'kill -TERM $server 2>/dev/null || true; rm -rf "$work"' EXIT
for _ in $(seq 1 100); do
  curl -fsS "$base/readyz" >/dev/null 2>&1 && break
  sleep 0.2
done
cat "$work/serve.out"

# Bodies: plausible customers (seeded), with the model's own feature names from GET /v1/model.
curl -fsS "$base/v1/model" >"$work/model.json"
python3 - "$work" <<'PY'
import json, random, sys
work = sys.argv[1]
features = json.load(open(f"{work}/model.json"))["features"]
rng = random.Random(42)
def customer(i):
    c = {"customer_id": 12000 + i}
    for f in features:
        c[f] = round(rng.uniform(1, 400), 2)
    return c
for name, n in (("one", 1), ("hundred", 100)):
    json.dump({"customers": [customer(i) for i in range(n)]}, open(f"{work}/{name}.json", "w"))
PY

echo "== a 1-customer answer: $(curl -fsS -H 'Content-Type: application/json' --data @"$work/one.json" "$base/v1/segments")"
echo "== load: $(nproc) cores, load average before: $(cut -d' ' -f1-3 /proc/loadavg)"
printf "%-8s %5s %10s %8s %8s %6s\n" body conns req/s p50_ms p99_ms errors
for body in one hundred; do
  for conns in 1 16 64; do
    threads=$(( conns < 2 ? 1 : 2 ))
    # A short warm-up so the JIT and the connection pool are not in the figures.
    BODY="$work/$body.json" wrk -t1 -c1 -d2s -s bench/serve/post.lua "$base/v1/segments" >/dev/null
    line=$(BODY="$work/$body.json" wrk -t"$threads" -c"$conns" -d"$duration" --timeout 10s -s bench/serve/post.lua "$base/v1/segments" | grep '^RESULT')
    eval "${line#RESULT }"
    printf "%-8s %5d %10s %8s %8s %6s\n" "$body" "$conns" "$rps" "$p50_ms" "$p99_ms" "$errors"
  done
done
echo "== load average after: $(cut -d' ' -f1-3 /proc/loadavg); request log: $(wc -l <"$work/requests.log") lines, last: $(tail -n1 "$work/requests.log")"

kill -TERM "$server"
if wait "$server"; then echo "== SIGTERM: server exited 0 after draining"; else echo "== SIGTERM: server exited $?" >&2; exit 1; fi
trap 'rm -rf "$work"' EXIT
