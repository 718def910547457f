#!/usr/bin/env bash
# End to end, exactly as README tells users: from the repository root, `dotnet run -- sweep configs/kmeans.yaml` (the
# root launcher, segment.csproj) on the shipped data into ./mlflow.db, the same job again (every trial skipped), then
# the promotion gate both ways and through the config's own gate, which the best trial passes. Runs in a scratch copy
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
echo "main job OK"
