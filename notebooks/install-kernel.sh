#!/usr/bin/env bash
# Installs what notebooks/marker-distributions.ipynb needs:
#   - Jupyter from Debian's packages (jupyter-notebook, jupyter-nbconvert, jupyter-client, python3-ipykernel);
#   - the Java kernel io.github.padreati:rapaio-jupyter-kernel:3.0.1, fetched from Maven Central by Maven itself,
#     installed for the current user, then given the JDK 17 flags Spark needs (stack-facts.md).
# Idempotent: run it again to repair the kernel. Needs root (or sudo) only for apt-get.
set -euo pipefail
cd "$(dirname "$0")"
KERNEL_VERSION=3.0.1
KERNEL_NAME=rapaio-jupyter-kernel

# 1. Jupyter from Debian (no pip: PyPI is not needed)
if ! dpkg -s jupyter-notebook jupyter-nbconvert jupyter-client python3-ipykernel >/dev/null 2>&1; then
  SUDO=""
  [ "$(id -u)" -ne 0 ] && SUDO="sudo"
  $SUDO apt-get update
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y jupyter-notebook jupyter-nbconvert jupyter-client python3-ipykernel
fi

# 2. A JDK 17 to run the kernel: Spark 3.5 fails on newer JDKs ("getSubject is not supported").
JAVA_BIN="${JAVA_HOME:+$JAVA_HOME/bin/java}"
JAVA_BIN="$(readlink -f "${JAVA_BIN:-$(command -v java)}")"
if ! "$JAVA_BIN" -version 2>&1 | grep -q 'version "17'; then
  echo "install-kernel: $JAVA_BIN is not a JDK 17; set JAVA_HOME to a JDK 17 and run again" >&2
  exit 1
fi

# 3. The kernel jar from Maven Central, through Maven (uses ~/.m2 and any configured mirror)
mkdir -p target/kernel
JAR="target/kernel/rapaio-jupyter-kernel-$KERNEL_VERSION.jar"
if [ ! -f "$JAR" ]; then
  mvn -B -ntp -q dependency:copy -Dartifact="io.github.padreati:rapaio-jupyter-kernel:$KERNEL_VERSION" \
    -DoutputDirectory=target/kernel
fi
"$JAVA_BIN" -jar "$JAR" -i -auto >/dev/null

# 4. Pitfall 1: Spark on JDK 17 needs the module opens its launcher would add; the kernel runs Spark in its own
#    JVM, so they go on the kernel's command line. Also pin this JDK and SPARK_LOCAL_IP (odd host name here).
KERNEL_DIR="$(jupyter kernelspec list --json | python3 -c "import json,sys; print(json.load(sys.stdin)['kernelspecs']['$KERNEL_NAME']['resource_dir'])")"
#    The flags are read from the root pom's jdk17.opens property, their one source of truth.
python3 - "$KERNEL_DIR/kernel.json" "$JAVA_BIN" ../pom.xml <<'PY'
import json, re, sys
path, java, pom = sys.argv[1:4]
spec = json.load(open(path))
jar = next(a for a in spec["argv"] if a.endswith(".jar"))
opens = re.search(r"<jdk17.opens>(.*?)</jdk17.opens>", open(pom).read(), re.S).group(1).split()
spec["argv"] = [java] + opens + ["-Djava.awt.headless=true", "-Xmx2g", "-jar", jar, "{connection_file}"]
spec["display_name"] = "Java 17 (rapaio 3.0.1, Spark-ready)"
spec.setdefault("env", {})["SPARK_LOCAL_IP"] = "127.0.0.1"
json.dump(spec, open(path, "w"), indent=2)
PY
# Pitfall 2 (the kernel sets java.util.logging to FINEST, which breaks Spark's code generation) is handled in
# the notebook: its first Spark cell sets the root logger back to INFO before building the session.
echo "install-kernel: kernel '$KERNEL_NAME' ready in $KERNEL_DIR"
