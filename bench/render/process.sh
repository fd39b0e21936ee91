#!/usr/bin/env bash
# `nusqa render` of corpus 002 as a whole process, as a user runs it (issue
# 17: under 40 ms): RUNS runs one after the other (default 20), after one
# warm-up run that makes the TEST seal in a temporary data folder; prints
# the median and minimum wall time and CPU time (user + system of the
# process, from wait4) and the load average, for nusqa (the binary people
# type) and, for comparison, the same command in nusqa-full (every library
# loaded); then the dynamic loader's relocation counts of both
# (LD_DEBUG=statistics) and, with valgrind installed, the instructions of
# one whole process and of its main thread, the critical path beside which
# the helper threads run (callgrind, the loader included: figures the load
# of a shared machine does not move). Builds into BUILD_DIR (default:
# build-bench) first unless SKIP_BUILD=1.
#   bench/render/process.sh [RUNS]
set -euo pipefail
cd "$(dirname "$0")/../.."
build_dir=${BUILD_DIR:-build-bench}
runs=${1:-20}
if [ "${SKIP_BUILD:-0}" != 1 ]; then
    scripts/install-deps.sh >/dev/null
    BUILD_DIR=$build_dir scripts/build.sh -DNUSQA_BUILD_TESTS=OFF >/dev/null
fi
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
export NUSQA_DATA_DIR=$work/data
input=tests/fixtures/render/002-satbayev-imported.xml
echo "machine: $(nproc) cores, $(free -g | awk '/Mem:/{print $2}') GiB, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs)"
echo "command: nusqa render $input --profile-dir doc-templates -o OUT.pdf"
for binary in nusqa nusqa-full; do
    "$build_dir/bin/$binary" render "$input" --profile-dir doc-templates -o "$work/warm.pdf" \
        >/dev/null 2>&1
    python3 - "$build_dir/bin/$binary" "$input" "$work/out.pdf" "$runs" <<'PY'
import os, statistics, sys, time
binary, source, out, runs = sys.argv[1], sys.argv[2], sys.argv[3], int(sys.argv[4])
walls, cpus = [], []
load = open("/proc/loadavg").read().split()[:3]
for _ in range(runs):
    start = time.perf_counter()
    pid = os.posix_spawn(binary, [binary, "render", source, "--profile-dir", "doc-templates",
                                  "-o", out], os.environ,
                         file_actions=[(os.POSIX_SPAWN_OPEN, 1, "/dev/null", os.O_WRONLY, 0),
                                       (os.POSIX_SPAWN_OPEN, 2, "/dev/null", os.O_WRONLY, 0)])
    _, status, usage = os.wait4(pid, 0)
    walls.append((time.perf_counter() - start) * 1000)
    cpus.append((usage.ru_utime + usage.ru_stime) * 1000)
    if status != 0:
        sys.exit(f"{binary} failed: status {status}")
after = open("/proc/loadavg").read().split()[:3]
name = os.path.basename(binary)
print(f"{name}: median wall {statistics.median(walls):.1f} ms (min {min(walls):.1f}), "
      f"median CPU {statistics.median(cpus):.1f} ms (min {min(cpus):.1f}), {runs} runs; "
      f"load average {' '.join(load)} -> {' '.join(after)}")
PY
done
for binary in nusqa nusqa-full; do
    stats=$(LD_DEBUG=statistics "$build_dir/bin/$binary" render "$input" --profile-dir doc-templates \
        -o "$work/out.pdf" 2>&1 >/dev/null)
    echo "$binary: $(ldd "$build_dir/bin/$binary" | grep -c '=>') shared libraries;" \
        "$(sed -n 's/.*final number of relocations: \([0-9]*\).*/\1/p' <<<"$stats") symbol relocations," \
        "$(sed -n 's/.*number of relative relocations: \([0-9]*\).*/\1/p' <<<"$stats") relative"
done
if command -v valgrind >/dev/null; then
    for binary in nusqa nusqa-full; do
        # One file per thread: the main thread's count is the critical path
        # (the helpers run beside it on the second core). Callgrind runs one
        # thread at a time; --fair-sched hands them turns in order, so which
        # thread takes the work either may take (pages to deflate, words to
        # hyphenate) moves little from run to run (without it the main
        # thread's count of the same build moved between 175 and 224 M).
        valgrind --tool=callgrind --fair-sched=yes --separate-threads=yes \
            --callgrind-out-file="$work/callgrind.out" \
            "$build_dir/bin/$binary" render "$input" --profile-dir doc-templates -o "$work/out.pdf" \
            >/dev/null 2>&1
        threads=$(for file in "$work"/callgrind.out-*; do sed -n 's/^totals: //p' "$file"; done)
        total=$(awk '{sum += $1} END {print sum}' <<<"$threads")
        echo "$binary: $total instructions (the whole process, callgrind), main thread" \
            "$(head -n1 <<<"$threads"), helper threads $(tail -n +2 <<<"$threads" | paste -sd+ -)"
        rm -f "$work"/callgrind.out-*
    done
fi
