"""kmap against DuckDB and Miller on any file: a check that the bench's
ratios hold on a file the generator did not make (an export of your own).

usage: /usr/bin/python3 bench/peers.py FILE [KMAP]   (from the top directory,
after bench/setup; KMAP defaults to build/kmap)

Prints the median of 3 wall times of `kmap summary -q -f json FILE`,
bench/duckdb.js and `mlr --icsv --ocsv count -g
region,organisation,period,rating` (the file must be in the long layout
with those column names), and how much faster kmap is than each.
"""
import statistics
import subprocess
import sys
import time

f = sys.argv[1]
kmap = sys.argv[2] if len(sys.argv) > 2 else "build/kmap"
cmds = [("kmap", [kmap, "summary", "-q", "-f", "json", f]),
        ("DuckDB", ["node", "bench/duckdb.js", f]),
        ("Miller", ["mlr", "--icsv", "--ocsv", "count", "-g",
                    "region,organisation,period,rating", f])]
res = {}
for name, cmd in cmds:
    times = []
    for _ in range(3):
        t = time.perf_counter()
        subprocess.run(cmd, stdout=subprocess.DEVNULL, check=True)
        times.append(time.perf_counter() - t)
    res[name] = statistics.median(times)
    extra = "" if name == "kmap" else " (kmap %.2fx faster)" % (
        res[name] / res["kmap"])
    print("%-7s %.3f s%s" % (name, res[name], extra), flush=True)
