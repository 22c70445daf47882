#!/usr/bin/python3
"""make bench: kmap against the tools analysts would use instead.

The job (issue 6): count records per region, organisation, period and
rating of a long-layout national round. kmap runs `summary -f json`, which
does that and more, with full validation. Every tool is run RUNS times on
a warm page cache; the table gives the median wall time, throughput, peak
RSS (of the process, from wait4) and kmap's speed-up. Counts of every peer
are checked against kmap's on the 100k file.

usage: run.py [--smoke]    (--smoke: 100k rows, kmap and Python only)
Environment: KMAP (build/kmap), BENCH_DATA (bench/data), RUNS (3).
"""
import os
import platform
import shutil
import statistics
import subprocess
import sys
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
KMAP = os.environ.get("KMAP", os.path.join(ROOT, "build/kmap"))
DATA = os.environ.get("BENCH_DATA", os.path.join(ROOT, "bench/data"))
RUNS = int(os.environ.get("RUNS", "3"))
PY = "/usr/bin/python3"
CSVCOUNT = os.path.join(ROOT, "build/bench/csvcount")
NODE_API = os.path.join(ROOT, "bench/node/node_modules/@duckdb/node-api")


def path(name):
    return os.path.join(DATA, name)


def generate(rows, smoke):
    os.makedirs(DATA, exist_ok=True)
    name = path("rows-%d.csv" % rows)
    extra = []
    if rows == 1000000 and not smoke:
        for opt, f in (("--cp1252-semicolon", "rows-1000000-cp1252.csv"),
                       ("--utf16-tab", "rows-1000000-utf16.txt")):
            if not os.path.exists(path(f)):
                extra += [opt, path(f)]
    if not os.path.exists(name) or extra:
        print("generating %s ..." % name, flush=True)
        subprocess.run([PY, os.path.join(ROOT, "bench/gen.py"), str(rows),
                        name] + extra, check=True)
    return name


def run_once(cmd, out):
    """Wall seconds and peak RSS (KiB) of one run; stdout to out."""
    with open(out, "wb") as f:
        t0 = time.perf_counter()
        p = subprocess.Popen(cmd, stdout=f, stderr=subprocess.DEVNULL)
        _, status, ru = os.wait4(p.pid, 0)
        t = time.perf_counter() - t0
    if os.waitstatus_to_exitcode(status) != 0:
        raise SystemExit("failed: %s" % " ".join(cmd))
    return t, ru.ru_maxrss


def measure(cmd, out, runs=RUNS):
    res = [run_once(cmd, out) for _ in range(runs)]
    return (statistics.median(t for t, _ in res),
            statistics.median(m for _, m in res))


def peers(file):
    """(name, command, counts-csv?) for each tool installed here."""
    tools = [("cat (limit)", ["cat", file], False)]
    if os.path.exists(CSVCOUNT):
        tools.append(("libcsv parse (limit)", [CSVCOUNT, file], False))
    if shutil.which("node") and os.path.isdir(NODE_API):
        tools.append(("DuckDB (node, 2 threads)",
                      ["node", os.path.join(ROOT, "bench/duckdb.js"), file],
                      True))
    if shutil.which("mlr"):
        tools.append(("Miller", ["mlr", "--icsv", "--ocsv", "count", "-g",
                                 "region,organisation,period,rating", file],
                      True))
    tools.append(("Python csv + Counter",
                  [PY, os.path.join(ROOT, "bench/count.py"), file], True))
    if shutil.which("sqlite3"):
        tools.append(("sqlite3 (.import, GROUP BY)",
                      ["sqlite3", ":memory:", "-cmd", ".mode csv", "-cmd",
                       ".import %s t" % file, "-cmd", ".headers on",
                       "SELECT region, organisation, period, rating, "
                       "count(*) AS n FROM t GROUP BY 1, 2, 3, 4"], True))
    return tools


def row(name, t, rss, size, kmap_t):
    ratio = "" if name.startswith("kmap") else "%.1f×" % (t / kmap_t)
    return "| %s | %.3f | %.0f | %.1f | %s |" % (
        name, t, size / t / 1e6, rss / 1024, ratio)


def startup_ms():
    """Median wall time of kmap summary on the data/ sample, in ms."""
    cmd = [KMAP, "summary", os.path.join(ROOT, "data/orebro-2021.csv")]
    times = []
    for _ in range(21):
        t0 = time.perf_counter()
        subprocess.run(cmd, stdout=subprocess.DEVNULL, check=True)
        times.append(time.perf_counter() - t0)
    return statistics.median(times) * 1000


def main():
    smoke = "--smoke" in sys.argv
    sizes = [100000] if smoke else [100000, 1000000, 5000000]
    out = path("out")
    results = {}
    checks = []
    tables = []
    for rows in sizes:
        file = generate(rows, smoke)
        size = os.path.getsize(file)
        subprocess.run(["cat", file], stdout=subprocess.DEVNULL)  # warm
        kt, krss = measure([KMAP, "summary", "-q", "-f", "json", file],
                           path("kmap.json"))
        results[(rows, "kmap")] = (kt, krss)
        lines = ["| tool | s (median of %d) | MB/s | peak RSS MiB | "
                 "kmap is faster by |" % RUNS, "|---|---:|---:|---:|---:|",
                 row("kmap summary -f json", kt, krss, size, kt)]
        tools = [t for t in peers(file)
                 if not smoke or t[0].startswith("Python")]
        for name, cmd, counts in tools:
            if rows == 5000000 and name.startswith(("Miller", "sqlite3",
                                                    "Python")):
                continue  # minutes each; 1M shows them well enough
            t, rss = measure(cmd, out)
            results[(rows, name)] = (t, rss)
            lines.append(row(name, t, rss, size, kt))
            if counts and rows == 100000:
                r = subprocess.run([PY, os.path.join(ROOT, "bench/compare.py"),
                                    path("kmap.json"), out],
                                   capture_output=True, text=True)
                checks.append(("counts of %s equal kmap's (100k)" % name,
                               r.returncode == 0, r.stdout.strip()))
        if rows == 1000000:
            # the encodings are compared in interleaved rounds, so that
            # all three run under the same conditions of the machine
            encs = (("UTF-8, ','", "rows-1000000.csv"),
                    ("Windows-1252, ';'", "rows-1000000-cp1252.csv"),
                    ("UTF-16LE, TAB", "rows-1000000-utf16.txt"))
            runs = {label: [] for label, _ in encs}
            for _ in range(max(RUNS, 5)):
                for label, f in encs:
                    runs[label].append(run_once(
                        [KMAP, "summary", "-q", "-f", "json", path(f)],
                        path("kmap-enc.json")))
            base = statistics.median(t for t, _ in runs[encs[0][0]])
            for label, f in encs:
                t = statistics.median(x for x, _ in runs[label])
                rss = statistics.median(m for _, m in runs[label])
                results[(rows, label)] = (t, rss)
                lines.append("| kmap, %s | %.3f | %.0f | %.1f | %.2f× the "
                             "UTF-8 time |" % (label, t,
                                               os.path.getsize(path(f)) / t / 1e6,
                                               rss / 1024, t / base))
        tables.append("### %d rows (%.0f MB)\n\n%s\n" % (
            rows, size / 1e6, "\n".join(lines)))

    def ratio(rows, peer):
        p = results.get((rows, peer))
        return p[0] / results[(rows, "kmap")][0] if p else None

    if not smoke:
        # the targets of Performance II
        for rows, peer, want in ((1000000, "DuckDB (node, 2 threads)", 2.5),
                                 (1000000, "Miller", 5),
                                 (5000000, "DuckDB (node, 2 threads)", 1.5)):
            r = ratio(rows, peer)
            checks.append(("%dM rows: kmap >= %g× as fast as %s" % (
                rows // 1000000, want, peer), r is not None and r >= want,
                "%.2f×" % r if r else "not installed"))
        rss = results[(5000000, "kmap")][1] / 1024
        checks.append(("5M rows: kmap peak RSS <= 64 MiB", rss <= 64,
                       "%.1f MiB" % rss))
        for label in ("Windows-1252, ';'", "UTF-16LE, TAB"):
            r = results[(1000000, label)][0] / \
                results[(1000000, "UTF-8, ','")][0]
            checks.append(("1M rows: %s within 1.3× of UTF-8" % label,
                           r <= 1.3, "%.2f×" % r))
        ms = startup_ms()
        checks.append(("kmap summary of data/ sample < 5 ms", ms < 5,
                       "%.1f ms" % ms))

    print("Machine: %s, %d cores, %s; kmap %s" % (
        platform.processor() or platform.machine(), os.cpu_count(),
        platform.platform(), subprocess.run([KMAP, "--version"],
                                            capture_output=True,
                                            text=True).stdout.strip()))
    print()
    print("\n".join(tables))
    print("### Targets\n")
    ok = True
    for name, good, detail in checks:
        ok &= good
        print("- %s %s: %s" % ("MET" if good else "NOT MET", name, detail))
    print("\n%d passed, %d failed" % (sum(1 for c in checks if c[1]),
                                      sum(1 for c in checks if not c[1])))
    sys.exit(0 if ok else 1)


if __name__ == "__main__":
    main()
