#!/usr/bin/env bash
# End to end, exactly as README tells users: from the repository root, `dotnet run -- sweep configs/kmeans.yaml` (the
# root launcher, segment.csproj) on the shipped data into ./mlflow.db, the same job again (every trial skipped), then
# the promotion gate both ways and through the config's own gate, which the best trial passes; then the champion is
# applied (predict into a SQLite table) and watched (drift on the same data: stable; on the last four months: alert). Runs in a scratch copy
# of the checkout so the repository stays clean.
set -euo pipefail
repo="$(cd "$(dirname "$0")/.." && pwd)"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
# The files a fresh clone has (tracked, plus new ones not yet committed), none that git ignores: no bin/, obj/, mlflow.db.
(cd "$repo" && git ls-files -z --cached --others --exclude-standard | tar --null --ignore-failed-read -T - -cf -) | tar -C "$work" -xf -
segment() { dotnet run --no-build -- "$@"; }
cd "$work"
# Built first so the sweep's wall time below is the sweep, not the compiler; the README's `dotnet run` then finds it up to date.
dotnet build segment.csproj -v quiet -nologo >/dev/null

echo "-- dotnet run -- sweep configs/kmeans.yaml (fresh ./mlflow.db)"
start=$(date +%s.%N)
dotnet run -- sweep configs/kmeans.yaml --json >first.json 2>first.log || { tail -30 first.log; exit 1; }
end=$(date +%s.%N)
node -e '
  const s = JSON.parse(require("fs").readFileSync("first.json", "utf8"));
  if (s.ran !== s.planned_trials || s.failed !== 0 || s.planned_trials < 80) { console.error(s); process.exit(1); }
  console.log(`ran ${s.ran} trials, best ${s.best?.run_name ?? "?"}`);'
echo "   wall $(node -e "console.log(($end - $start).toFixed(1))") s; mlflow.db $(stat -c %s mlflow.db) bytes"
test -f mlflow.db

echo "-- the same sweep again: every trial skipped"
segment sweep configs/kmeans.yaml --json >second.json 2>second.log || { tail -30 second.log; exit 1; }
node -e '
  const s = JSON.parse(require("fs").readFileSync("second.json", "utf8"));
  if (s.ran !== 0 || s.skipped !== s.planned_trials) { console.error(s); process.exit(1); }
  console.log(`skipped ${s.skipped} of ${s.planned_trials}`);'

echo "-- promote through a gate the best trial cannot pass: exit 1"
set +e
segment promote --config configs/kmeans.yaml --min 0.99 >gate-fail.txt
code=$?
set -e
[ "$code" -eq 1 ] || { cat gate-fail.txt; echo "expected exit 1, got $code"; exit 1; }

echo "-- promote through the config's own gate (silhouette >= 0.35), no override: exit 0"
segment promote --config configs/kmeans.yaml >gate-config.txt || { cat gate-config.txt; echo "the config's gate refused its best trial"; exit 1; }
grep -q "promoted" gate-config.txt || { cat gate-config.txt; echo "no promotion reported"; exit 1; }

echo "-- promote through a gate it passes: exit 0"
segment promote --config configs/kmeans.yaml --min 0.30 >gate-pass.txt || { cat gate-pass.txt; exit 1; }
grep -q "promoted" gate-pass.txt || { cat gate-pass.txt; echo "no promotion reported"; exit 1; }
echo "-- predict the shipped transactions with the champion into SQLite tables: one row per trained customer, the products per segment"
segment predict --model models:/customer-segments@champion --input data/online_retail.csv.gz --to sqlite:///segments.db --with-products --json \
  >predict.json 2>predict.log || { tail -30 predict.log; exit 1; }
node -e '
  const p = JSON.parse(require("fs").readFileSync("predict.json", "utf8"));
  const s = JSON.parse(require("fs").readFileSync("first.json", "utf8"));
  if (!p.table || p.table.rows !== p.scored || p.scored < 4000 || !(p.table.products > 0)) { console.error(p); process.exit(1); }
  console.log(`scored ${p.scored} customers into ${p.table.target} (${p.unscored_count} unscored, ${p.table.products} product rows), model version ${p.model.version}`);'

echo "-- drift: the training transactions again are stable (exit 0); the last four months alert (exit 1)"
segment drift --model models:/customer-segments@champion --input data/online_retail.csv.gz --json >drift-same.json 2>drift-same.log \
  || { tail -30 drift-same.log; echo "drift on the training data itself did not exit 0"; exit 1; }
# The shipped file from 2011-09-01 on (ISO timestamps in column InvoiceDate), as a new batch.
/usr/bin/python3 - <<'PY'
import csv, gzip
with gzip.open("data/online_retail.csv.gz", "rt", newline="", encoding="utf-8") as src, open("q4_2011.csv", "w", newline="", encoding="utf-8") as dst:
    rows = csv.reader(src)
    out = csv.writer(dst, lineterminator="\n")
    header = next(rows)
    out.writerow(header)
    at = header.index("InvoiceDate")
    out.writerows(r for r in rows if r[at] >= "2011-09-01")
PY
set +e
segment drift --model models:/customer-segments@champion --input q4_2011.csv --json >drift-q4.json 2>drift-q4.log
code=$?
set -e
[ "$code" -eq 1 ] || { tail -30 drift-q4.log; echo "expected exit 1 (alert) on the last four months, got $code"; exit 1; }
node -e '
  const same = JSON.parse(require("fs").readFileSync("drift-same.json", "utf8"));
  const q4 = JSON.parse(require("fs").readFileSync("drift-q4.json", "utf8"));
  if (same.status !== "stable" || same.features.some(f => f.psi !== 0)) { console.error(same); process.exit(1); }
  if (q4.status !== "alert" || !q4.run_id) { console.error(q4); process.exit(1); }
  console.log("drift q4: " + q4.features.map(f => `${f.name} psi ${f.psi.toFixed(3)} ${f.status}`).join(", "));'
echo "main job OK"
