#!/usr/bin/env bash
# Scale benchmark of annotate-job (not a test): replicate the shared datasets to N rows (default 1,000,000) with new
# ids, annotate them on local[2], and in the same run measure the floor: a plain Spark read of the same input plus a
# Parquet write. Prints rows/s of both, the ratio annotate/floor (goal <= 4) and each run's peak memory (max RSS).
#
#   bench/annotate-1m.sh [N]        work files go to ${TM_BENCH_DIR:-/tmp/treasure-bench} (about 1 GB for 1M rows)
#   TM_BENCH_JFR=FILE               record a JFR profile of the annotate-job driver (local[2]: every task) into FILE
# CPU seconds (user + sys of the whole process) are printed beside wall seconds: on a shared machine they move less.
set -euo pipefail
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
N=${1:-1000000}
WORK=${TM_BENCH_DIR:-/tmp/treasure-bench}
MASTER=local[2]
DRIVER_MEMORY=${TM_DRIVER_MEMORY:-3g}
mkdir -p "$WORK"

"$ROOT/run-cluster.sh" status >/dev/null 2>&1 && { echo "bench: a local cluster is up; stop it (run-cluster.sh down) so the bench runs on $MASTER alone" >&2; exit 1; }
INPUT=$WORK/input-$N.jsonl
if [[ ! -s "$INPUT" ]]; then
  python3 "$ROOT/bench/annotate-1m/replicate.py" "$ROOT/conf/sources.json" "$N" "$INPUT"
fi
rm -rf "$WORK/annotated" "$WORK/floor"

seconds_of() { awk -v s="$1" -v e="$2" 'BEGIN { printf "%.1f", (e - s) / 1e9 }'; }
peak_mb() { awk '/Maximum resident set size/ { printf "%.0f", $NF / 1024 }' "$1"; }

cpu_s() { awk '/User time|System time/ { s += $NF } END { printf "%.0f", s }' "$1"; }

echo "bench: annotate-job on $MASTER over $N rows ($(du -h "$INPUT" | cut -f1)); load average $(cut -d' ' -f1-3 /proc/loadavg)"
if [[ -n "${TM_BENCH_JFR:-}" ]]; then
  export SPARK_SUBMIT_OPTS="${SPARK_SUBMIT_OPTS:-} -XX:StartFlightRecording=filename=$TM_BENCH_JFR,settings=profile,dumponexit=true"
fi
start=$(date +%s%N)
SPARK_MASTER=$MASTER TM_DRIVER_MEMORY=$DRIVER_MEMORY /usr/bin/time -v -o "$WORK/annotate.time" \
  "$ROOT/run-cluster.sh" submit annotate-job --input "$INPUT" --output "$WORK/annotated" >"$WORK/annotate.log" 2>&1 \
  || { tail -20 "$WORK/annotate.log"; echo "bench: annotate-job failed; log: $WORK/annotate.log" >&2; exit 1; }
annotate_s=$(seconds_of "$start" "$(date +%s%N)")

unset SPARK_SUBMIT_OPTS
echo "bench: floor (plain read + Parquet write) on $MASTER; load average $(cut -d' ' -f1-3 /proc/loadavg)"
SPARK_HOME=$ROOT/.cluster/spark
start=$(date +%s%N)
SPARK_LOCAL_IP=127.0.0.1 /usr/bin/time -v -o "$WORK/floor.time" java -Xmx"$DRIVER_MEMORY" \
  -XX:+IgnoreUnrecognizedVMOptions --add-opens=java.base/java.lang=ALL-UNNAMED --add-opens=java.base/java.lang.invoke=ALL-UNNAMED \
  --add-opens=java.base/java.lang.reflect=ALL-UNNAMED --add-opens=java.base/java.io=ALL-UNNAMED --add-opens=java.base/java.net=ALL-UNNAMED \
  --add-opens=java.base/java.nio=ALL-UNNAMED --add-opens=java.base/java.util=ALL-UNNAMED --add-opens=java.base/java.util.concurrent=ALL-UNNAMED \
  --add-opens=java.base/java.util.concurrent.atomic=ALL-UNNAMED --add-opens=java.base/jdk.internal.ref=ALL-UNNAMED \
  --add-opens=java.base/sun.nio.ch=ALL-UNNAMED --add-opens=java.base/sun.nio.cs=ALL-UNNAMED --add-opens=java.base/sun.security.action=ALL-UNNAMED \
  --add-opens=java.base/sun.util.calendar=ALL-UNNAMED -Djdk.reflect.useDirectMethodHandle=false \
  -cp "$SPARK_HOME/conf:$SPARK_HOME/jars/*" "$ROOT/bench/annotate-1m/ReadWriteFloor.java" "$INPUT" "$WORK/floor" "$MASTER" \
  >"$WORK/floor.log" 2>&1 || { tail -20 "$WORK/floor.log"; echo "bench: floor failed" >&2; exit 1; }
floor_s=$(seconds_of "$start" "$(date +%s%N)")

annotated=$(python3 -c "import json,sys; print(json.load(open(sys.argv[1]))['total']['annotated'])" "$WORK/annotated/report.json")
echo
echo "rows:              $N (annotated $annotated)"
annotate_cpu=$(cpu_s "$WORK/annotate.time")
floor_cpu=$(cpu_s "$WORK/floor.time")
echo "annotate-job:      ${annotate_s} s wall, ${annotate_cpu} CPU-s, $(awk -v n="$N" -v s="$annotate_s" 'BEGIN{printf "%.0f", n/s}') rows/s ($(awk -v n="$N" -v s="$annotate_s" 'BEGIN{printf "%.0f", n/s/2}') per core), peak RSS $(peak_mb "$WORK/annotate.time") MB"
echo "floor read+write:  ${floor_s} s wall, ${floor_cpu} CPU-s, $(awk -v n="$N" -v s="$floor_s" 'BEGIN{printf "%.0f", n/s}') rows/s, peak RSS $(peak_mb "$WORK/floor.time") MB"
echo "ratio annotate/floor: $(awk -v a="$annotate_s" -v f="$floor_s" 'BEGIN{printf "%.2f", a/f}') wall, $(awk -v a="$annotate_cpu" -v f="$floor_cpu" 'BEGIN{printf "%.2f", a/f}') CPU (goal <= 4; <= 3 before the tagger and quality model)"
python3 - "$WORK/annotated/report.json" "$N" <<'EOF'
import json, sys
report, n = json.load(open(sys.argv[1])), int(sys.argv[2])
wall, cpu = report["timingsSeconds"], report.get("driverJvmCpuSeconds", {})
print("annotate stages:   wall s / JVM CPU s / CPU-us per row")
for stage, seconds in wall.items():
    c = cpu.get(stage)
    print(f"  {stage:18s} {seconds:8.1f} {'' if c is None else f'{c:8.1f} {1e6 * c / n:8.0f}'}")
EOF
echo "machine: $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg) at the end"
