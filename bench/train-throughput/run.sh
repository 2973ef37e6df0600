#!/usr/bin/env bash
# Training throughput of the markers-model transformer against ND4J's own sgemm rate, single JVM vs Spark local[2].
# Usage: bench/train-throughput/run.sh [CONFIG=conf/train.json] [ROUNDS=4]
# Prints tokens/s, model GFLOP/s as a share of sgemm, and the non-compute share of a Spark averaging round.
set -euo pipefail
cd "$(dirname "$0")/../.."
config="${1:-conf/train.json}"
rounds="${2:-4}"
mvn -B -ntp -o -q package -DskipTests -pl modules/markers-model -am
mvn -B -ntp -o -q test-compile dependency:build-classpath -Dmdep.outputFile=target/classpath.txt \
  -Dmdep.includeScope=test -pl modules/markers-model -am
cp="modules/markers-model/target/test-classes:modules/markers-model/target/classes:$(cat modules/markers-model/target/classpath.txt)"
opens=$(sed -n "s:.*<jdk17.opens>\(.*\)</jdk17.opens>.*:\1:p" pom.xml)
# One OpenMP thread per JVM worker: Spark local[2] runs two workers on the two cores (stack-facts.md: OMP=2 was slower).
export OMP_NUM_THREADS="${OMP_NUM_THREADS:-1}" SPARK_LOCAL_IP=127.0.0.1
exec java $opens -Xmx3g -Dorg.bytedeco.javacpp.cachedir="$PWD/target/javacpp-cache" \
  -Dlog4j2.configurationFile="$PWD/modules/markers-model/src/test/resources/log4j2-test.properties" \
  -cp "$cp" org.treasuremarkers.model.bench.TrainThroughputBenchmark "$config" "$rounds" target/bench-train-throughput
