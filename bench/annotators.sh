#!/usr/bin/env bash
# Annotator throughput: examples/s per core for all standard annotators on the shared data mix, one thread.
# Usage: bench/annotators.sh [datasetsDir (default ../shared/datasets)] [warmupPasses (3)] [measuredPasses (5)]
# MVN_FLAGS defaults to offline (-o); set MVN_FLAGS= on a machine whose ~/.m2 lacks the dependencies.
set -euo pipefail
cd "$(dirname "$0")/.."
MVN_FLAGS=${MVN_FLAGS--o}
mvn -B -ntp -q $MVN_FLAGS test-compile -pl modules/markers-core
mvn -B -ntp -q $MVN_FLAGS dependency:build-classpath -pl modules/markers-core -Dmdep.includeScope=test \
  -Dmdep.outputFile=target/bench-annotators.classpath
CP="modules/markers-core/target/test-classes:modules/markers-core/target/classes:$(cat modules/markers-core/target/bench-annotators.classpath)"
exec java -Xmx2g -cp "$CP" org.treasuremarkers.core.bench.AnnotatorsBenchmark "${1:-../shared/datasets}" "${2:-3}" "${3:-5}"
