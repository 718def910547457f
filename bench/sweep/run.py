#!/usr/bin/env python3
"""Times `segment sweep bench/sweep/grid.yaml` against bench/sweep/sklearn_grid.py as whole processes, and prints the ratio.

    /usr/bin/python3 bench/sweep/run.py [--runs 3] [--segment PATH] [--cached-dataset] [--no-build]

The two commands run in turn (segment, python, segment, python, ...), so a drift in the machine's speed hits both;
the ratio segment/python is taken pair by pair and its median printed, with every run's wall seconds and the load.
Each segment run starts in a new, empty scratch folder (all deleted at the end): a new tracking store (`mlflow.db`, so no trial is skipped as
already FINISHED) and, unless --cached-dataset, a new dataset store (so the transactions are read, cleaned and
aggregated again, as the Python peer does on every run). Its stdout/stderr go to the scratch folder, not a pipe.
By default segment is src/Segmentation.Cli published for linux-x64 as the .NET tool's linux-x64 package is (self-contained,
one composite ReadyToRun image with its runtime: the timing is the installed tool's, not JIT start-up's) into bench/sweep/.tool; --segment runs a given executable instead
(an installed tool: `--segment segment`; the plain Release build: src/Segmentation.Cli/bin/Release/net10.0/Segmentation.Cli).
Needs /usr/bin/python3 with Debian's python3-sklearn and python3-pandas for the peer; the runner itself is stdlib only.
"""
import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))
DATA = os.path.join(ROOT, "data", "online_retail.csv.gz")


def timed(argv, cwd, env, log):
    """Wall seconds of one whole process, its peak RSS (MB) and its CPU seconds (user + system, all threads)."""
    with open(log, "ab") as out:
        started = time.perf_counter()
        child = subprocess.Popen(argv, cwd=cwd, env=env, stdout=out, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL)
        _, status, usage = os.wait4(child.pid, 0)
        wall = time.perf_counter() - started
    code = os.waitstatus_to_exitcode(status)
    if code != 0:
        sys.exit(f"{argv[0]} exited {code}; its output is in {log}")
    return wall, usage.ru_maxrss / 1024, usage.ru_utime + usage.ru_stime


def main():
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--runs", type=int, default=3, help="pairs timed (after one untimed warm-up pair)")
    p.add_argument("--segment", help="the segment executable (default: src/Segmentation.Cli published for linux-x64, as the tool's linux-x64 package)")
    p.add_argument("--cached-dataset", action="store_true", help="keep the dataset store between segment runs")
    p.add_argument("--no-build", action="store_true", help="time the last publish (bench/sweep/.tool) instead of publishing first")
    a = p.parse_args()
    scratch = tempfile.mkdtemp(prefix="bench-sweep.")
    tool = os.path.join(ROOT, "bench", "sweep", ".tool")
    segment = a.segment or os.path.join(tool, "Segmentation.Cli")
    if not a.segment and not a.no_build:
        # The same bits `dotnet pack` puts in the tool's linux-x64 package (the csproj's linux-x64 settings: self-contained,
        # composite ReadyToRun, tiered compilation off). The first publish compiles the runtime too: a few minutes.
        subprocess.run(["dotnet", "publish", os.path.join(ROOT, "src", "Segmentation.Cli"), "-c", "Release", "-r", "linux-x64",
                        "-o", tool, "-nologo", "-v", "q"], check=True, stdout=subprocess.DEVNULL)
    datasets = os.path.join(scratch, "datasets")
    env = dict(os.environ)
    env.pop("MLFLOW_TRACKING_URI", None)
    env.pop("MLFLOW_EXPERIMENT_NAME", None)
    # The data path in params.yaml is relative to the working directory; point it at the repository's copy.
    py_argv = ["/usr/bin/python3", os.path.join(ROOT, "bench", "sweep", "sklearn_grid.py"), "--csv", DATA]
    runs = iter(range(1_000_000))

    def run_segment():
        # A new folder per run, all deleted at the end rather than before the next run: on an ext4 without a journal (this
        # machine's) a file created just after many were deleted is slowed by the allocator skipping the recently freed
        # inodes, which would charge each run for the clean-up of the one before (0.3 -> 0.8 s of system time, measured).
        work = os.path.join(scratch, f"work-{next(runs)}")
        os.makedirs(work)
        os.symlink(os.path.join(ROOT, "data"), os.path.join(work, "data"))
        store = datasets if a.cached_dataset else os.path.join(work, "datasets")
        argv = [segment, "sweep", os.path.join(ROOT, "bench", "sweep", "grid.yaml"), "--params", os.path.join(ROOT, "params.yaml"),
                "--tracking-uri", f"sqlite:///{os.path.join(work, 'mlflow.db')}"]
        return timed(argv, work, dict(env, SEGMENTATION_DATASET_STORE=store), os.path.join(scratch, "segment.log"))

    def run_python():
        return timed(py_argv, scratch, env, os.path.join(scratch, "python.log"))

    print(f"load before: {' '.join(f'{x:.2f}' for x in os.getloadavg())} (1, 5, 15 min), {os.cpu_count()} cores", flush=True)
    run_segment(), run_python()  # warm-up pair: disk cache, JIT'd runtime files
    pairs = []
    cpu = []
    for i in range(a.runs):
        s, sp, sc = run_segment()
        q, qp, qc = run_python()
        pairs.append((s, q))
        cpu.append((sc, qc))
        print(f"run {i + 1}: segment {s:6.2f} s ({sp:5.0f} MB, {sc:5.2f} s CPU)   python {q:6.2f} s ({qp:5.0f} MB, {qc:5.2f} s CPU)   "
              f"ratio {s / q:.3f} (CPU {sc / qc:.3f})", flush=True)
    print(f"load after: {' '.join(f'{x:.2f}' for x in os.getloadavg())}", flush=True)
    print(f"median: segment {statistics.median(s for s, _ in pairs):.2f} s, python {statistics.median(q for _, q in pairs):.2f} s, "
          f"ratio segment/python {statistics.median(s / q for s, q in pairs):.3f} (CPU seconds: {statistics.median(s / q for s, q in cpu):.3f})")
    shutil.rmtree(scratch, ignore_errors=True)


if __name__ == "__main__":
    main()
