#!/usr/bin/env bash
# Annotator cost: CPU-us per example and share of each standard annotator (in the pipeline and alone), one thread,
# on the multilingual bench sample of the shared data (BenchSample), then lang accuracy per labelled set.
# Usage: bench/annotators.sh [datasetsDir (default ../shared/datasets)] [warmupPasses (3)] [measuredPasses (5)]
#   BENCH_DUMP=FILE   also write every example's markers (id TAB markers) to FILE, to diff two versions
#   BENCH_JFR=FILE    record a JFR profile of the run into FILE (jfr print --events jdk.ExecutionSample FILE)
# MVN_FLAGS defaults to offline (-o); set MVN_FLAGS= on a machine whose ~/.m2 lacks the dependencies.
set -euo pipefail
cd "$(dirname "$0")/.."
MVN_FLAGS=${MVN_FLAGS--o}
mvn -B -ntp -q $MVN_FLAGS test-compile -pl modules/markers-core
mvn -B -ntp -q $MVN_FLAGS dependency:build-classpath -pl modules/markers-core -Dmdep.includeScope=test \
  -Dmdep.outputFile=target/bench-annotators.classpath
CP="modules/markers-core/target/test-classes:modules/markers-core/target/classes:$(cat modules/markers-core/target/bench-annotators.classpath)"
OPTS=()
[[ -n "${BENCH_DUMP:-}" ]] && OPTS+=("-Dbench.dump=$BENCH_DUMP")
[[ -n "${BENCH_JFR:-}" ]] && OPTS+=("-XX:StartFlightRecording=filename=$BENCH_JFR,settings=profile,dumponexit=true")
echo "bench: load average $(cut -d' ' -f1-3 /proc/loadavg) at the start"
java -Xmx2g "${OPTS[@]}" -cp "$CP" org.treasuremarkers.core.bench.AnnotatorsBenchmark "${1:-../shared/datasets}" "${2:-3}" "${3:-5}"
echo "bench: load average $(cut -d' ' -f1-3 /proc/loadavg) at the end"
