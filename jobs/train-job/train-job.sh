#!/usr/bin/env bash
# Runs train-job locally (local[*], or the master in -Dspark.master via TRAIN_JOB_JAVA_OPTS) from this checkout:
#   jobs/train-job/train-job.sh (--annotated DIR | --prepared DIR) --output MODEL_DIR [--config FILE]
#                               [--init-model MODEL_DIR] [--max-minutes N]
#   jobs/train-job/train-job.sh --prepare-only --annotated DIR --output DIR [--config FILE] [--overwrite]
# On a cluster: ./run-cluster.sh submit train-job ... (the shaded target/train-job-*.jar).
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
cp_file="$root/jobs/train-job/target/run-classpath.txt"
(cd "$root" && mvn -B -ntp -q package dependency:build-classpath -DskipTests -pl jobs/train-job -am \
  -Dmdep.includeScope=compile -Dmdep.outputFile="$cp_file")
opens=$(sed -n 's:.*<jdk17.opens>\(.*\)</jdk17.opens>.*:\1:p' "$root/pom.xml")
export SPARK_LOCAL_IP=127.0.0.1
# shellcheck disable=SC2086
exec java $opens ${TRAIN_JOB_JAVA_OPTS:-} -Dspark.ui.enabled=false \
  -cp "$root/jobs/train-job/target/classes:$(cat "$cp_file")" org.treasuremarkers.jobs.train.TrainJob "$@"
