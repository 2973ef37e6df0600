#!/usr/bin/env bash
# Greedy decoding tokens/s, uncached (whole window through the ComputationGraph per token) vs the key/value-cached
# decoder, on the same model (conf/train.json's size with seq_len SEQ_LEN, initial weights), from a PROMPT-token
# prompt to a full window.
# Usage: bench/generation/run.sh [CONFIG=conf/train.json] [SEQ_LEN=512] [PROMPT=384] [BATCH=1] [cached-only]
set -euo pipefail
cd "$(dirname "$0")/../.."
config="${1:-conf/train.json}"
mvn -B -ntp -o -q test-compile dependency:build-classpath -Dmdep.outputFile=target/classpath.txt \
  -Dmdep.includeScope=test -pl modules/markers-model -am
cp="modules/markers-model/target/test-classes:modules/markers-model/target/classes:$(cat modules/markers-model/target/classpath.txt)"
export OMP_NUM_THREADS="${OMP_NUM_THREADS:-1}"
exec java -Xmx2g -Dorg.bytedeco.javacpp.cachedir="$PWD/target/javacpp-cache" \
  -Dlog4j2.configurationFile="$PWD/modules/markers-model/src/test/resources/log4j2-test.properties" \
  -cp "$cp" org.treasuremarkers.model.bench.GenerationBenchmark "$config" "${2:-512}" "${3:-384}" "${4:-1}" ${5:+"$5"}
