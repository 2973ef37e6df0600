#!/usr/bin/env bash
# The paper's two claims at small scale: train the same model on the same annotated data with dataset-level
# dropout 0%, 50% and 70% (sample-level 50%), same seed, same steps (a fixed number of epochs, no time limit),
# evaluate each on the stratified held-out set (eval.json), and write results.json + results.md.
#
# Usage: bench/claims/run.sh [--smoke] [--data DIR] [--output DIR]
#   full (default): ../shared/datasets through conf/sources.json, conf/train.json's model, 1 epoch each,
#                   600 generation prompts per run (planned to fit 75 minutes on 2 cores; see bench/README.md)
#   --smoke:        samples/demo-examples.jsonl, a tiny model, 1 epoch, 8 generation prompts (CI, < 3 minutes goal)
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
cd "$root"
smoke=false data="$root/../shared/datasets" out="$root/target/bench-claims"
while [[ $# -gt 0 ]]; do
  case "$1" in
    --smoke) smoke=true; shift ;;
    --data) data=$2; shift 2 ;;
    --output) out=$2; shift 2 ;;
    *) echo "usage: bench/claims/run.sh [--smoke] [--data DIR] [--output DIR]" >&2; exit 2 ;;
  esac
done
$smoke && [[ "$out" == "$root/target/bench-claims" ]] && out="$root/target/bench-claims-smoke"
rm -rf "$out"
mkdir -p "$out"
log="$out/commands.txt"
: >"$log"
timings="$out/timings.tsv"
: >"$timings"
run() { # name, command...: runs it, logs the command and its wall time
  local name=$1 started=$SECONDS
  shift
  printf '%s\n' "$*" >>"$log"
  "$@" >"$out/$name.log" 2>&1 || { tail -n 30 "$out/$name.log" >&2; echo "bench/claims: $name failed" >&2; exit 1; }
  printf '%s\t%s\n' "$name" "$((SECONDS - started))" >>"$timings"
  echo "bench/claims: $name done in $((SECONDS - started)) s" >&2
}

if $smoke; then
  input=(--input "$root/samples/demo-examples.jsonl")
else
  [[ -d "$data" ]] || { echo "bench/claims: no datasets folder $data (give --data DIR)" >&2; exit 1; }
  dir=$(cd "$data" && pwd)
  sed -e "s#\"\.\./datasets-schema/#\"$root/datasets-schema/#" -e "s#\"baseDir\": \"\.\.\"#\"baseDir\": \"$root\"#" \
    -e "s#\"\.\./shared/datasets/#\"$dir/#g" "$root/conf/sources.json" >"$out/sources.json"
  input=(--sources "$out/sources.json")
fi
started=$SECONDS
run annotate ./run-cluster.sh submit annotate-job "${input[@]}" --output "$out/annotated" --overwrite
for rate in 0 0.5 0.7; do
  config="$out/train-dropout-$rate.json"
  python3 "$root/bench/claims/config.py" "$root/conf/train.json" "$rate" "$smoke" >"$config"
  run "train-dropout-$rate" ./run-cluster.sh submit train-job --annotated "$out/annotated" \
    --output "$out/model-dropout-$rate" --config "$config"
done
python3 "$root/bench/claims/table.py" "$out" "$((SECONDS - started))" "$smoke"
echo "bench/claims: results in $out/results.md and $out/results.json" >&2
