#!/usr/bin/env bash
# Bytes per token of BPE vocabularies trained on the shared datasets, per language, on held-out rows.
# Usage: bench/tokenizer/run.sh [DATA=../shared/datasets] [VOCAB_SIZES=8192] [HELDOUT_PERCENT=10]
# Prints a Markdown table (the one in README.md); VOCAB_SIZES is a comma-separated list, e.g. 4096,8192,16384.
set -euo pipefail
cd "$(dirname "$0")/../.."
data="${1:-../shared/datasets}"
sizes="${2:-8192}"
heldout="${3:-10}"
mvn -B -ntp -o -q test-compile dependency:build-classpath -Dmdep.outputFile=target/classpath.txt \
  -Dmdep.includeScope=test -pl modules/markers-model -am
cp="modules/markers-model/target/test-classes:modules/markers-model/target/classes:$(cat modules/markers-model/target/classpath.txt)"
exec java -Xmx3g -cp "$cp" org.treasuremarkers.model.bench.TokenizerBench "$data" "$sizes" "$heldout"
