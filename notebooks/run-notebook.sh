#!/usr/bin/env bash
# Executes notebooks/marker-distributions.ipynb headless and fails on any cell error.
#
#   notebooks/run-notebook.sh [ANNOTATED_DIR [PREPARED_DIR]]
#
# Without ANNOTATED_DIR it first annotates samples/demo-examples.jsonl with annotate-job into
# notebooks/target/demo-annotated. The executed copy (with outputs) is notebooks/target/marker-distributions.ipynb.
# Needs notebooks/install-kernel.sh to have run once. MVN_FLAGS (default "-B -ntp") adds e.g. -o for offline builds.
set -euo pipefail
NOTEBOOKS="$(cd "$(dirname "$0")" && pwd)"
ROOT="$(dirname "$NOTEBOOKS")"
MVN_FLAGS="${MVN_FLAGS:--B -ntp}"
cd "$ROOT"

if ! jupyter kernelspec list 2>/dev/null | grep -q rapaio-jupyter-kernel; then
  echo "run-notebook: the Java kernel is not installed; run notebooks/install-kernel.sh first" >&2
  exit 1
fi

# 1. The project's classes for the kernel: the reactor jars and their dependencies (Spark included, as the
#    notebook runs its own local Spark) copied into notebooks/target/lib, which the notebook adds with %jars.
#    Scope "test" minus JUnit: "compile" would leave out runtime-only jars Spark needs (parquet-jackson).
rm -rf "$NOTEBOOKS/target/lib"
# shellcheck disable=SC2086
mvn $MVN_FLAGS -q package dependency:copy-dependencies -DskipTests -pl jobs/report-job -am \
  -DincludeScope=test -DexcludeTypes=test-jar -DexcludeGroupIds=org.junit.jupiter,org.junit.platform,org.opentest4j,org.apiguardian -DoutputDirectory="$NOTEBOOKS/target/lib"
# report-job's own classes: the unshaded jar (the shaded one repeats what lib/ already holds)
cp jobs/report-job/target/original-report-job-*.jar "$NOTEBOOKS/target/lib/"

# 2. The data. Without a folder: annotate the bundled demo sample with annotate-job, run as a plain JVM on
#    local[*] with the JDK 17 opens of the root pom (their one source of truth).
ANNOTATED="${1:-}"
PREPARED="${2:-}"
if [ -z "$ANNOTATED" ]; then
  ANNOTATED="$NOTEBOOKS/target/demo-annotated"
  if [ ! -d "$ANNOTATED/examples" ]; then
    if [ ! -d jobs/annotate-job ]; then
      echo "run-notebook: no annotate-job module to annotate samples/demo-examples.jsonl with; give ANNOTATED_DIR" >&2
      exit 1
    fi
    # shellcheck disable=SC2086
    mvn $MVN_FLAGS -q package -DskipTests -pl jobs/annotate-job -am
    ANNOTATE_JAR="$(ls jobs/annotate-job/target/annotate-job-*.jar | grep -v -e '/original-' -e '-tests.jar$' | head -1)"
    OPENS="$(sed -n 's:.*<jdk17.opens>\(.*\)</jdk17.opens>.*:\1:p' pom.xml)"
    rm -rf "$ANNOTATED"
    # shellcheck disable=SC2086
    SPARK_LOCAL_IP=127.0.0.1 java $OPENS -cp "$ANNOTATE_JAR:$NOTEBOOKS/target/lib/*" \
      org.treasuremarkers.jobs.annotate.AnnotateJob --input samples/demo-examples.jsonl --output "$ANNOTATED"
  fi
fi
ANNOTATED="$(cd "$ANNOTATED" && pwd)"
[ -n "$PREPARED" ] && PREPARED="$(cd "$PREPARED" && pwd)"

# 3. Execute: nbconvert exits non-zero when a cell fails (allow_errors is off). The kernel sometimes misses
#    Jupyter's first kernel_info_request ("Unhandled message: kernel_info_request" in its log) and never answers;
#    that start-up failure, and only that one, gets one more try.
export MARKERS_ANNOTATED="$ANNOTATED" MARKERS_PREPARED="$PREPARED" SPARK_LOCAL_IP=127.0.0.1
cd "$NOTEBOOKS"
for attempt in 1 2; do
  if jupyter nbconvert --to notebook --execute marker-distributions.ipynb \
      --ExecutePreprocessor.kernel_name=rapaio-jupyter-kernel \
      --ExecutePreprocessor.startup_timeout=180 --ExecutePreprocessor.timeout=600 \
      --output-dir target --output marker-distributions.ipynb 2>target/nbconvert.log; then
    echo "run-notebook: executed without errors -> notebooks/target/marker-distributions.ipynb"
    exit 0
  fi
  if [ "$attempt" = 1 ] && grep -q "Kernel didn't respond" target/nbconvert.log; then
    echo "run-notebook: the kernel did not answer at start-up; trying once more" >&2
    continue
  fi
  grep -v -e '^\[20' -e 'frozen' -e 'Debugg' -e 'PYDEVD' -e 'xfrozen' target/nbconvert.log | tail -40 >&2
  echo "run-notebook: FAILED (full log: notebooks/target/nbconvert.log)" >&2
  exit 1
done
