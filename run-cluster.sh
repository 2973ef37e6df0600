#!/usr/bin/env bash
# run-cluster.sh: build the jobs, make a Spark home from Maven-resolved jars, run a local standalone Spark
# cluster, and submit jobs to it (or to $SPARK_MASTER, or to embedded local[*]).
#
# Everything it creates lives under .cluster/ (git-ignored): the Spark home, and per cluster its pids, logs,
# work folders and the authentication secret (mode 600, never printed).
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
CLUSTER_DIR=${TM_CLUSTER_DIR:-$ROOT/.cluster}
SPARK_HOME_DIR=$CLUSTER_DIR/spark
STATE_DIR=${TM_CLUSTER_STATE:-$CLUSTER_DIR/state}
MASTER_HOST=127.0.0.1
MASTER_PORT=${TM_MASTER_PORT:-7077}
MASTER_UI_PORT=${TM_MASTER_UI_PORT:-8080}
WORKER_UI_PORT=${TM_WORKER_UI_PORT:-8081}   # worker i (from 0) serves its UI on WORKER_UI_PORT + i
WORKER_CORES=${TM_WORKER_CORES:-1}
WORKER_MEMORY=${TM_WORKER_MEMORY:-2g}
DRIVER_MEMORY=${TM_DRIVER_MEMORY:-2g}
MVN=(mvn -B -ntp -q)
if [[ -n "${TM_MVN_OFFLINE:-}" ]]; then MVN+=(-o); fi

# Jobs this script can submit: name -> main class. A new job adds one line here (and its module in pom.xml).
declare -A JOB_CLASSES=(
  [annotate-job]=org.treasuremarkers.jobs.annotate.AnnotateJob
  [report-job]=org.treasuremarkers.jobs.report.ReportJob
  [nightly-job]=org.treasuremarkers.jobs.nightly.NightlyJob
  [train-job]=org.treasuremarkers.jobs.train.TrainJob
)
# generate runs this main of train-job's jar in a plain JVM (no Spark); Spark's jars only lend it Jackson and logging.
GENERATE_CLASS=org.treasuremarkers.jobs.train.GenerateCommand

# The JDK 17 opens Spark needs (stack-facts.md); spark-submit's launcher adds them to drivers itself.
JDK17_OPENS="-XX:+IgnoreUnrecognizedVMOptions"
for p in java.lang java.lang.invoke java.lang.reflect java.io java.net java.nio java.util java.util.concurrent \
         java.util.concurrent.atomic jdk.internal.ref sun.nio.ch sun.nio.cs sun.security.action sun.util.calendar; do
  JDK17_OPENS+=" --add-opens=java.base/$p=ALL-UNNAMED"
done
JDK17_OPENS+=" --add-opens=java.security.jgss/sun.security.krb5=ALL-UNNAMED -Djdk.reflect.useDirectMethodHandle=false"

usage() {
  cat <<EOF
usage: ./run-cluster.sh COMMAND [ARGS...]

commands:
  build                       build the job jars (mvn package) and the Spark home under .cluster/spark
  up [--workers N]            start a standalone master and N workers (default 2) on $MASTER_HOST
  down                        stop the cluster started by up
  status                      say whether a cluster is up, and where
  submit [SPARK-SUBMIT OPTIONS] JOB [JOB ARGS...]
                              run JOB (${!JOB_CLASSES[*]}) with spark-submit: on the cluster that is up,
                              else on \$SPARK_MASTER (options such as --deploy-mode or YARN/Kubernetes
                              settings pass through to spark-submit; with SPARK_HOME set, its spark-submit
                              is used), else on embedded local[*]
  nightly [SPARK-SUBMIT OPTIONS] [--config FILE]
                              one nightly retraining run (nightly-job; default --config conf/nightly.json), submitted
                              like 'submit'. Exit 0: done (see runs.jsonl in the state folder); 75: another run holds
                              the lock, nothing done; 2: bad configuration; 1: failed, the current model is unchanged
  generate --model MODEL_DIR --prompt TEXT [--marker KEY=VALUE]... [--temperature T --top-k K --seed S]
           [--max-tokens N]
                              load a train-job model (no Spark) and print the template it writes for the prompt,
                              the completion and the markers it inferred; --marker fixes a marker on the prompt
                              side (repeatable); greedy unless --temperature > 0. Exit 2: bad usage or model folder
  train-tagger [--datasets DIR] [--output DIR] [--evaluation full|held-out|none]
                              retrain the shipped task/domain tagger (models/tagger/v2) from ../shared/datasets in
                              a plain JVM (no Spark): leave-one-source-out evaluation, eval.json, provenance.json
  demo [--data DIR|SOURCES.json] [--cluster] [--minutes N] [--output DIR]
                              annotate the bundled sample (or the data given), train for a few minutes on CPU,
                              generate without and with a fixed marker; --cluster runs it on a local standalone
                              cluster started and stopped here; output under .cluster/demo by default
  train-quality [--datasets DIR] [--output DIR]
                              retrain the shipped quality model (models/quality/v1) from ../shared/datasets in a
                              plain JVM (no Spark) and print its leave-models-out agreement table
  help                        this text

environment: TM_MASTER_PORT ($MASTER_PORT), TM_MASTER_UI_PORT ($MASTER_UI_PORT), TM_WORKER_UI_PORT ($WORKER_UI_PORT),
  TM_WORKER_CORES ($WORKER_CORES), TM_WORKER_MEMORY ($WORKER_MEMORY), TM_DRIVER_MEMORY ($DRIVER_MEMORY),
  TM_CLUSTER_STATE (pids, logs, secret; $STATE_DIR), TM_MVN_OFFLINE=1 (build with mvn -o), SPARK_MASTER,
  TM_LEARN_MEMORY (heap of train-tagger, default 10g).

example:
  ./run-cluster.sh submit annotate-job --sources conf/sources.json --output /tmp/annotated
  ./run-cluster.sh up && ./run-cluster.sh submit annotate-job --input data.jsonl --output /tmp/out; ./run-cluster.sh down
  ./run-cluster.sh nightly --config conf/nightly.json     (conf/nightly.crontab runs this every night)
  ./run-cluster.sh submit train-job --annotated /tmp/annotated --output /tmp/model --max-minutes 30
  ./run-cluster.sh generate --model /tmp/model --prompt "Translate into French: Good morning" --marker lang=French
EOF
}

die() {
  echo "run-cluster.sh: $*" >&2
  exit 1
}

# ---------------------------------------------------------------------------------------------------- build

job_jar() {
  local job=$1 jar
  jar=$(ls "$ROOT/jobs/$job/target/$job"-*.jar 2>/dev/null | grep -v -e '/original-' -e '-tests.jar$' | head -n1 || true)
  echo "$jar"
}

build_jobs() {
  echo "run-cluster.sh: building the jobs (mvn package -DskipTests)" >&2
  (cd "$ROOT" && "${MVN[@]}" package -DskipTests -pl "$(printf 'jobs/%s,' "${!JOB_CLASSES[@]}" | sed 's/,$//')" -am) \
    || die "the build failed; run 'mvn -B package -DskipTests' to see why"
}

build_spark_home() {
  echo "run-cluster.sh: making a Spark home from Maven-resolved jars in $SPARK_HOME_DIR" >&2
  rm -rf "$SPARK_HOME_DIR.tmp"
  mkdir -p "$SPARK_HOME_DIR.tmp"/{bin,conf,jars}
  "${MVN[@]}" -f "$ROOT/cluster/spark-home/pom.xml" dependency:copy-dependencies -DincludeScope=runtime \
    -DoutputDirectory="$SPARK_HOME_DIR.tmp/jars" || die "cannot resolve the Spark jars (see the Maven output above)"
  cp "$ROOT/cluster/log4j2.properties" "$SPARK_HOME_DIR.tmp/conf/"
  # The launcher looks for jars/ next to a RELEASE file, as in a Spark distribution.
  local version
  version=$(ls "$SPARK_HOME_DIR.tmp/jars" | sed -n 's/^spark-core_2.12-\(.*\)\.jar$/\1/p')
  echo "Spark $version (Scala 2.12) from Maven jars, made by treasure-markers run-cluster.sh" >"$SPARK_HOME_DIR.tmp/RELEASE"
  write_spark_class "$SPARK_HOME_DIR.tmp/bin/spark-class"
  cat >"$SPARK_HOME_DIR.tmp/bin/spark-submit" <<'EOF'
#!/usr/bin/env bash
# spark-submit of this Spark home: Spark's own SparkSubmit through Spark's launcher.
exec "$(dirname "$0")/spark-class" org.apache.spark.deploy.SparkSubmit "$@"
EOF
  chmod +x "$SPARK_HOME_DIR.tmp/bin/"*
  rm -rf "$SPARK_HOME_DIR"
  mv "$SPARK_HOME_DIR.tmp" "$SPARK_HOME_DIR"
}

# bin/spark-class: ask Spark's launcher (org.apache.spark.launcher.Main) for the java command of a Spark class, then
# exec it. The launcher prints a NUL line, then the command's words each followed by NUL; we add its exit code.
write_spark_class() {
  cat >"$1" <<'EOF'
#!/usr/bin/env bash
SPARK_HOME=$(cd "$(dirname "$0")/.." && pwd)
export SPARK_HOME SPARK_SCALA_VERSION=2.12
JAVA="${JAVA_HOME:+$JAVA_HOME/bin/}java"
launcher_output() {
  "$JAVA" -Xmx128m -cp "$SPARK_HOME/jars/*" org.apache.spark.launcher.Main "$@"
  printf '%d\0' $?
}
words=()
in_command=false
while IFS= read -r -d '' word; do
  if $in_command; then
    words+=("${word#$'\n'}")   # the launcher ends its marker line with a newline
  else
    [[ -z "$word" ]] || printf '%s\n' "$word" >&2   # anything the launcher said before its marker NUL
    in_command=true
  fi
done < <(launcher_output "$@")
if (( ${#words[@]} == 0 )); then
  echo "spark-class: Spark's launcher printed no command" >&2
  exit 1
fi
status=${words[-1]}
unset 'words[-1]'
if [[ "$status" != 0 ]]; then
  exit "$status"
fi
exec "${words[@]}"
EOF
}

ensure_built() {
  [[ -x "$SPARK_HOME_DIR/bin/spark-submit" && -f "$SPARK_HOME_DIR/RELEASE" ]] || build_spark_home
  local job
  for job in "$@"; do
    [[ -n "$(job_jar "$job")" ]] || build_jobs
    [[ -n "$(job_jar "$job")" ]] || die "no jar for $job under jobs/$job/target after the build"
  done
}

cmd_build() {
  build_jobs
  build_spark_home
  echo "run-cluster.sh: built $(for j in "${!JOB_CLASSES[@]}"; do job_jar "$j"; done | xargs -n1 basename | tr '\n' ' ')and $SPARK_HOME_DIR"
}

# -------------------------------------------------------------------------------------------------- cluster

pid_alive() {
  [[ -f "$1" ]] && kill -0 "$(cat "$1")" 2>/dev/null
}

cluster_is_up() {
  pid_alive "$STATE_DIR/master.pid"
}

port_busy() {
  (exec 3<>"/dev/tcp/$MASTER_HOST/$1") 2>/dev/null
}

master_json() {
  curl -fsS --max-time 2 "http://$MASTER_HOST:$MASTER_UI_PORT/json/" 2>/dev/null || true
}

wait_for() {
  local what=$1 seconds=$2 check=$3
  local i
  for ((i = 0; i < seconds * 2; i++)); do
    if eval "$check"; then return 0; fi
    sleep 0.5
  done
  die "$what did not happen within ${seconds}s; see the logs in $STATE_DIR/logs"
}

# The daemons' environment: SPARK_LOCAL_IP keeps every port and UI on loopback; workers need SPARK_HOME and
# SPARK_SCALA_VERSION to start executors. Only for use in a background job: it replaces the calling shell.
daemon_env() {
  # exec: the background job's pid ($!) is then the daemon's own java process (env, nohup and spark-class all exec)
  exec env SPARK_HOME="$SPARK_HOME_DIR" SPARK_SCALA_VERSION=2.12 SPARK_LOCAL_IP=$MASTER_HOST \
    SPARK_DAEMON_JAVA_OPTS="$JDK17_OPENS" SPARK_LOG_DIR="$STATE_DIR/logs" "$@"
}

cmd_up() {
  local workers=2
  while (($#)); do
    case $1 in
      --workers) [[ $# -ge 2 && "$2" =~ ^[1-9][0-9]*$ ]] || die "--workers needs a positive number"; workers=$2; shift 2 ;;
      *) die "up: unknown option '$1' (usage: up [--workers N])" ;;
    esac
  done
  if cluster_is_up; then
    die "a cluster is already up (master $(cat "$STATE_DIR/master-url")); run './run-cluster.sh down' first"
  fi
  local port i
  for port in "$MASTER_PORT" "$MASTER_UI_PORT" $(seq "$WORKER_UI_PORT" $((WORKER_UI_PORT + workers - 1))); do
    if port_busy "$port"; then
      die "port $port on $MASTER_HOST is in use; stop what uses it, or choose other ports with TM_MASTER_PORT, TM_MASTER_UI_PORT, TM_WORKER_UI_PORT"
    fi
  done
  ensure_built
  rm -rf "$STATE_DIR"
  mkdir -p "$STATE_DIR/logs" "$STATE_DIR/work"
  chmod 700 "$STATE_DIR"
  write_secret_files

  local master_url="spark://$MASTER_HOST:$MASTER_PORT"
  daemon_env nohup "$SPARK_HOME_DIR/bin/spark-class" org.apache.spark.deploy.master.Master \
    --host "$MASTER_HOST" --port "$MASTER_PORT" --webui-port "$MASTER_UI_PORT" \
    --properties-file "$STATE_DIR/daemon.conf" >"$STATE_DIR/logs/master.log" 2>&1 </dev/null &
  echo $! >"$STATE_DIR/master.pid"
  echo "$master_url" >"$STATE_DIR/master-url"
  wait_for "the master coming up" "${TM_MASTER_WAIT:-120}" 'master_json | grep -q "\"status\" *: *\"ALIVE\""'

  for ((i = 0; i < workers; i++)); do
    mkdir -p "$STATE_DIR/work/worker-$i"
    daemon_env SPARK_WORKER_DIR="$STATE_DIR/work/worker-$i" nohup "$SPARK_HOME_DIR/bin/spark-class" \
      org.apache.spark.deploy.worker.Worker --host "$MASTER_HOST" --cores "$WORKER_CORES" --memory "$WORKER_MEMORY" \
      --webui-port $((WORKER_UI_PORT + i)) --work-dir "$STATE_DIR/work/worker-$i" \
      --properties-file "$STATE_DIR/daemon.conf" "$master_url" >"$STATE_DIR/logs/worker-$i.log" 2>&1 </dev/null &
    echo $! >"$STATE_DIR/worker-$i.pid"
  done
  wait_for "$workers worker(s) registering" 90 \
    "[[ \$(master_json | grep -o '\"state\" *: *\"ALIVE\"' | wc -l) -ge $workers ]]"
  echo "run-cluster.sh: cluster up: master $master_url (UI http://$MASTER_HOST:$MASTER_UI_PORT), $workers worker(s) with" \
    "$WORKER_CORES core(s) and $WORKER_MEMORY each; authentication on; logs in $STATE_DIR/logs; stop with ./run-cluster.sh down"
}

# One secret per cluster, readable by its owner only: the daemons and spark-submit read it from properties files,
# so it never appears on a command line or in a log.
write_secret_files() {
  local secret
  secret=$(head -c 32 /dev/urandom | od -An -tx1 | tr -d ' \n')
  (
    umask 077
    printf '%s\n' "$secret" >"$STATE_DIR/secret"
    printf 'spark.authenticate true\nspark.authenticate.secret %s\n' "$secret" >"$STATE_DIR/daemon.conf"
    printf 'spark.authenticate true\nspark.authenticate.secret %s\nspark.master spark://%s:%s\nspark.driver.host %s\n' \
      "$secret" "$MASTER_HOST" "$MASTER_PORT" "$MASTER_HOST" >"$STATE_DIR/submit.conf"
  )
}

stop_pid_file() {
  local file=$1 pid i
  [[ -f "$file" ]] || return 0
  pid=$(cat "$file")
  if kill -0 "$pid" 2>/dev/null; then
    kill "$pid" 2>/dev/null || true
    for ((i = 0; i < 40; i++)); do
      kill -0 "$pid" 2>/dev/null || break
      sleep 0.25
    done
    if kill -0 "$pid" 2>/dev/null; then kill -9 "$pid" 2>/dev/null || true; fi
  fi
  rm -f "$file"
}

cmd_down() {
  local stopped=0 f
  for f in "$STATE_DIR"/worker-*.pid "$STATE_DIR"/master.pid; do
    [[ -f "$f" ]] || continue
    stop_pid_file "$f"
    stopped=$((stopped + 1))
  done
  rm -f "$STATE_DIR/secret" "$STATE_DIR/daemon.conf" "$STATE_DIR/submit.conf" "$STATE_DIR/master-url"
  if ((stopped)); then
    echo "run-cluster.sh: cluster stopped ($stopped process(es)); logs kept in $STATE_DIR/logs"
  else
    echo "run-cluster.sh: no cluster was up"
  fi
}

cmd_status() {
  if cluster_is_up; then
    echo "up: master $(cat "$STATE_DIR/master-url") (UI http://$MASTER_HOST:$MASTER_UI_PORT), $(ls "$STATE_DIR"/worker-*.pid 2>/dev/null | wc -l) worker(s)"
  else
    echo "down"
    return 3
  fi
}

# --------------------------------------------------------------------------------------------------- submit

cmd_submit() {
  local submit_opts=() job=""
  while (($#)); do
    if [[ -n "${JOB_CLASSES[$1]+x}" ]]; then job=$1; shift; break; fi
    submit_opts+=("$1"); shift
  done
  [[ -n "$job" ]] || die "submit: name a job (${!JOB_CLASSES[*]}); see ./run-cluster.sh help"
  ensure_built "$job"

  local target=() submit_bin=$SPARK_HOME_DIR/bin/spark-submit
  if cluster_is_up; then
    target=(--properties-file "$STATE_DIR/submit.conf")
    export SPARK_LOCAL_IP=$MASTER_HOST
    echo "run-cluster.sh: submitting $job to the local cluster $(cat "$STATE_DIR/master-url")" >&2
  elif [[ -n "${SPARK_MASTER:-}" ]]; then
    target=(--master "$SPARK_MASTER")
    # A Spark distribution of the user's (SPARK_HOME) knows their cluster manager (YARN, Kubernetes); the jars
    # made here are enough for standalone masters only.
    if [[ -n "${SPARK_HOME:-}" && -x "${SPARK_HOME}/bin/spark-submit" && "$SPARK_HOME" != "$SPARK_HOME_DIR" ]]; then
      submit_bin=$SPARK_HOME/bin/spark-submit
    fi
    echo "run-cluster.sh: submitting $job to $SPARK_MASTER with $submit_bin" >&2
  else
    target=(--master "local[*]")
    export SPARK_LOCAL_IP=${SPARK_LOCAL_IP:-$MASTER_HOST}
    echo "run-cluster.sh: no cluster is up and SPARK_MASTER is not set: running $job on embedded local[*]" >&2
  fi
  # Not exec: the exit status of spark-submit (client mode: the job's) is this script's.
  local status=0
  "$submit_bin" "${target[@]}" --driver-memory "$DRIVER_MEMORY" \
    --conf spark.ui.showConsoleProgress=false --class "${JOB_CLASSES[$job]}" "${submit_opts[@]}" \
    "$(job_jar "$job")" "$@" || status=$?
  if ((status != 0)); then
    echo "run-cluster.sh: $job failed (exit $status)" >&2
  fi
  return $status
}

# -------------------------------------------------------------------------------------------------- nightly

# One nightly run: submit nightly-job with the configuration (default conf/nightly.json); its exit code is ours,
# so cron and callers can tell "another run holds the lock" (75) from a failure (1).
cmd_nightly() {
  local submit_opts=() config="$ROOT/conf/nightly.json"
  while (($#)); do
    case $1 in
      --config) [[ $# -ge 2 ]] || die "nightly: --config needs a file"; config=$2; shift 2 ;;
      *) submit_opts+=("$1"); shift ;;
    esac
  done
  [[ -f "$config" ]] || die "nightly: configuration $config does not exist (copy conf/nightly.json and edit it)"
  cmd_submit "${submit_opts[@]}" nightly-job --config "$(cd "$(dirname "$config")" && pwd)/$(basename "$config")"
}

# ------------------------------------------------------------------------------------------------- generate

# Generation from a train-job model in this JVM; the exit code is GenerateCommand's (2: bad usage or model folder).
cmd_generate() {
  ensure_built train-job
  # shellcheck disable=SC2086
  "${JAVA_HOME:+$JAVA_HOME/bin/}java" $JDK17_OPENS -Dlog4j2.configurationFile="$SPARK_HOME_DIR/conf/log4j2.properties" \
    -cp "$(job_jar train-job):$SPARK_HOME_DIR/jars/*" "$GENERATE_CLASS" "$@"
}

# ------------------------------------------------------------------------------------------ shipped models

# The trainers of the shipped models run in one plain JVM from learn-job's jar (it holds Jackson; no Spark home is
# needed). The jar is rebuilt every time: a model is trained on the code's features, and a stale jar would train on
# others.
learn_job_jar() {
  echo "run-cluster.sh: building learn-job (mvn package -DskipTests)" >&2
  (cd "$ROOT" && "${MVN[@]}" package -DskipTests -pl jobs/learn-job -am >&2) \
    || die "the build failed; run 'mvn -B package -DskipTests -pl jobs/learn-job -am' to see why"
  job_jar learn-job
}

cmd_train-tagger() {
  local jar
  jar=$(learn_job_jar)
  (cd "$ROOT" && "${JAVA_HOME:+$JAVA_HOME/bin/}java" -Xmx"${TM_LEARN_MEMORY:-10g}" -cp "$jar" \
    org.treasuremarkers.jobs.learn.TrainTaggerJob "$@")
}

cmd_train-quality() {
  local jar
  jar=$(learn_job_jar)
  "${JAVA_HOME:+$JAVA_HOME/bin/}java" -cp "$jar" org.treasuremarkers.jobs.learn.TrainQualityJob --project "$ROOT" "$@"
}

# ----------------------------------------------------------------------------------------------------- demo

# The whole path on a small dataset: annotate, train for a few minutes on CPU, generate without and with a fixed
# marker. Embedded local Spark unless --cluster (a local standalone cluster started here and stopped at the end).
cmd_demo() {
  local data="" cluster=false minutes=4 out=$CLUSTER_DIR/demo config=$ROOT/conf/train-demo.json
  while (($#)); do
    case $1 in
      --data) [[ $# -ge 2 ]] || die "demo: --data needs a folder or a sources file"; data=$2; shift 2 ;;
      --cluster) cluster=true; shift ;;
      --minutes) [[ $# -ge 2 && "$2" =~ ^[1-9][0-9]*$ ]] \
                   || die "demo: --minutes needs a positive whole number of minutes (train-job --max-minutes), not '${2:-}'"
                 minutes=$2; shift 2 ;;
      --output) [[ $# -ge 2 ]] || die "demo: --output needs a folder"; out=$2; shift 2 ;;
      --config) [[ $# -ge 2 ]] || die "demo: --config needs a file"; config=$2; shift 2 ;;
      *) die "demo: unknown option '$1' (--data DIR|SOURCES.json, --cluster, --minutes N, --output DIR, --config FILE)" ;;
    esac
  done
  local input=(--input "$ROOT/samples/demo-examples.jsonl")
  if [[ -f "$data" ]]; then
    input=(--sources "$(cd "$(dirname "$data")" && pwd)/$(basename "$data")")
  elif [[ -d "$data" ]]; then
    # conf/sources.json describes ../shared/datasets; point its paths at the folder given
    local dir sources
    dir=$(cd "$data" && pwd)
    mkdir -p "$out"
    sources=$out/sources.json
    sed -e "s#\"\.\./datasets-schema/#\"$ROOT/datasets-schema/#" -e "s#\"baseDir\": \"\.\.\"#\"baseDir\": \"$ROOT\"#" \
      -e "s#\"\.\./shared/datasets/#\"$dir/#g" "$ROOT/conf/sources.json" >"$sources"
    input=(--sources "$sources")
  elif [[ -n "$data" ]]; then
    die "demo: --data $data is neither a folder nor a sources file"
  fi

  local started=$SECONDS
  if $cluster; then
    # Someone else's cluster is not ours to stop at the end.
    if cluster_is_up; then
      die "demo --cluster: a cluster is already up (master $(cat "$STATE_DIR/master-url")); stop it with" \
        "'./run-cluster.sh down', or run the demo without --cluster to use it"
    fi
    trap 'cmd_down' EXIT   # set before starting: a start that fails half-way is stopped too
    cmd_up --workers 2
  fi
  mkdir -p "$out"
  rm -rf "$out/annotated" "$out/model"   # the demo starts over; train-job would otherwise resume its last run
  echo "== demo 1/4: annotate ${input[*]}" >&2
  cmd_submit annotate-job "${input[@]}" --output "$out/annotated" --overwrite
  echo "== demo 2/4: train for at most $minutes minutes on CPU ($config)" >&2
  cmd_submit train-job --annotated "$out/annotated" --output "$out/model" --config "$config" --max-minutes "$minutes" \
    >"$out/train.log" 2>&1 || { tail -n 20 "$out/train.log" >&2; die "demo: train-job failed; log in $out/train.log"; }
  grep -v 'Added differentiated op' "$out/train.log" | grep -E '^(train-job|train stage)' >&2 || true
  local prompt="Translate into French: The library opens at nine in the morning."
  echo "== demo 3/4: generate, no marker given (the model writes its own template)" >&2
  cmd_generate --model "$out/model" --prompt "$prompt" --max-tokens 200
  echo "== demo 4/4: generate with a fixed marker: --marker length_bucket=concise" >&2
  cmd_generate --model "$out/model" --prompt "$prompt" --marker length_bucket=concise --max-tokens 200
  cat >&2 <<EOF2
== demo done in $((SECONDS - started)) s
annotated examples, stats, report:  $out/annotated  (report.json, stats/markers.csv)
model, metrics, evaluation:         $out/model  (metrics.jsonl, eval.json, provenance.json)
training log:                       $out/train.log
EOF2
}

# ------------------------------------------------------------------------------------------------- dispatch

main() {
  local command=${1:-help}
  (($#)) && shift
  case $command in
    help | -h | --help) usage ;;
    *)
      declare -F "cmd_$command" >/dev/null || { usage >&2; die "unknown command '$command'"; }
      "cmd_$command" "$@"
      ;;
  esac
}

main "$@"
