#!/usr/bin/env bash
# Dropout + formatting + Parquet write over 1,000,000 synthetic annotated rows, against a plain read + write
# of the same rows in the same run (goal: ratio <= 1.3), plus SQL-vs-Java compute figures and five
# formatted examples. Runs on local[2]; 1M rows took ~22 minutes on the shared 2-core machine and needs ~4 GB
# of scratch space under target/ (deleted at the end).
#
# Usage: bench/dropout-1m.sh [ROWS=1000000] [ROUNDS=2] [MAX_COMPLETION_WORDS=1200]
# BENCH_JAVA_OPTS=-Dbench.computeOnly=true skips the writes; -Dbench.keepInput=true keeps target/bench-dropout-1m/annotated.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$PWD
cp_file="$root/target/bench-dropout-classpath.txt"
mkdir -p "$root/target"

# Compile markers-core and markers-spark (main + test classes) and write markers-spark's test class path.
mvn -B -ntp -o -q test-compile dependency:build-classpath -pl modules/markers-spark -am \
  -Dmdep.includeScope=test -Dmdep.outputFile="$cp_file"

opens=$(sed -n 's:.*<jdk17.opens>\(.*\)</jdk17.opens>.*:\1:p' pom.xml)
export SPARK_LOCAL_IP=127.0.0.1
# shellcheck disable=SC2086
exec java $opens -Xmx6g ${BENCH_JAVA_OPTS:-} -Dtreasure.projectDir="$root" -Dlog4j2.configurationFile="$root/modules/markers-spark/src/test/resources/log4j2-test.properties" \
  -cp "modules/markers-spark/target/test-classes:modules/markers-spark/target/classes:$(cat "$cp_file")" \
  org.treasuremarkers.spark.prepare.DropoutBenchmark "$root/target/bench-dropout-1m" "${1:-1000000}" "${2:-2}" "${3:-1200}"
