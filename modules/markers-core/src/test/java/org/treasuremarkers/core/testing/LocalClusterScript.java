package org.treasuremarkers.core.testing;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

/**
 * {@code run-cluster.sh} for integration tests: a local standalone cluster of its own (state folder and free loopback
 * ports per instance, so tests and a developer's cluster do not meet), commands run to completion or in the
 * background, and the processes a fault test kills (executor JVMs of a worker, a submit's whole process tree).
 * {@link #close} stops the cluster and anything still running that was started here.
 */
public final class LocalClusterScript implements AutoCloseable {
  /** What a finished command printed (stdout and stderr together) and its exit code. */
  public record Result(int code, String output) {}

  private final Path root;
  private final Path work;
  private final Map<String, String> env;
  private final List<Process> background = new ArrayList<>();

  /** @param work a test's temporary folder: cluster state and command logs go there */
  public LocalClusterScript(Path work) throws IOException {
    this.root = Path.of(System.getProperty("treasure.projectDir", "../..")).toAbsolutePath().normalize();
    this.work = work;
    this.env = Map.of("TM_CLUSTER_STATE", work.resolve("state").toString(),
        "TM_MASTER_PORT", String.valueOf(freePort()), "TM_MASTER_UI_PORT", String.valueOf(freePort()),
        "TM_WORKER_UI_PORT", String.valueOf(freePortRun(3)), "TM_WORKER_MEMORY", "1g", "TM_DRIVER_MEMORY", "1g");
  }

  public Path stateDir() {
    return work.resolve("state");
  }

  /** Runs {@code run-cluster.sh ARGS} to its end (at most 8 minutes). */
  public Result run(String... args) throws IOException, InterruptedException {
    Path log = Files.createTempFile(work, "run-cluster", ".log");
    Process p = start(log, args);
    if (!p.waitFor(8, TimeUnit.MINUTES)) {
      killTree(p.toHandle());
      throw new AssertionError("run-cluster.sh " + String.join(" ", args) + " timed out; log: " + Files.readString(log));
    }
    return new Result(p.exitValue(), Files.readString(log));
  }

  /** Starts {@code run-cluster.sh ARGS} in the background, its output into {@code log}; killed by close(). */
  public Process start(Path log, String... args) throws IOException {
    List<String> command = new ArrayList<>(List.of(root.resolve("run-cluster.sh").toString()));
    command.addAll(List.of(args));
    ProcessBuilder pb = new ProcessBuilder(command).directory(root.toFile()).redirectErrorStream(true)
        .redirectOutput(log.toFile());
    pb.environment().remove("SPARK_MASTER");
    pb.environment().putAll(env);
    Process p = pb.start();
    background.add(p);
    return p;
  }

  /** {@code up --workers N}; fails the test with the script's output when the cluster does not come up. */
  public void up(int workers) throws IOException, InterruptedException {
    Result up = run("up", "--workers", String.valueOf(workers));
    if (up.code() != 0) {
      throw new AssertionError("run-cluster.sh up failed (exit " + up.code() + "): " + up.output());
    }
  }

  /** The executor JVMs (CoarseGrainedExecutorBackend) worker {@code i} of this cluster runs now. */
  public List<ProcessHandle> executorsOfWorker(int i) throws IOException {
    Path pidFile = stateDir().resolve("worker-" + i + ".pid");
    if (!Files.isRegularFile(pidFile)) {
      return List.of();
    }
    Optional<ProcessHandle> worker = ProcessHandle.of(Long.parseLong(Files.readString(pidFile).strip()));
    if (worker.isEmpty()) {
      return List.of();
    }
    return worker.get().descendants()
        .filter(h -> h.info().command().orElse("").endsWith("/java"))
        .filter(h -> String.join(" ", h.info().arguments().orElse(new String[0]))
            .contains("org.apache.spark.executor.CoarseGrainedExecutorBackend"))
        .toList();
  }

  /** The executor JVM of this cluster whose Spark executor id is {@code executorId}, if one runs. */
  public Optional<ProcessHandle> executor(String executorId) throws IOException {
    List<ProcessHandle> all = new ArrayList<>();
    for (int i = 0; Files.isRegularFile(stateDir().resolve("worker-" + i + ".pid")); i++) {
      all.addAll(executorsOfWorker(i));
    }
    return all.stream().filter(h -> {
          List<String> args = List.of(h.info().arguments().orElse(new String[0]));
          int at = args.indexOf("--executor-id");
          return at >= 0 && at + 1 < args.size() && args.get(at + 1).equals(executorId);
        }).findFirst();
  }

  /** A free loopback port, e.g. for a driver's UI ({@code --conf spark.ui.port=...}). */
  public static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0)) {
      return s.getLocalPort();
    }
  }

  /** kill -9 of a process and all its descendants, deepest first; returns once they are gone (or after 30 s). */
  public static void killTree(ProcessHandle top) {
    List<ProcessHandle> all = new ArrayList<>(top.descendants().toList());
    all.sort(Comparator.comparingLong(ProcessHandle::pid).reversed());
    all.add(top);
    all.forEach(ProcessHandle::destroyForcibly);
    for (ProcessHandle h : all) {
      try {
        h.onExit().get(30, TimeUnit.SECONDS);
      } catch (Exception e) {
        // reported by the caller's assertions (the process would still be alive)
      }
    }
  }

  /** Polls {@code condition} every 200 ms; false when {@code timeout} passes first. */
  public static boolean await(Duration timeout, BooleanSupplier condition) throws InterruptedException {
    long end = System.nanoTime() + timeout.toNanos();
    while (System.nanoTime() < end) {
      if (condition.getAsBoolean()) {
        return true;
      }
      Thread.sleep(200);
    }
    return condition.getAsBoolean();
  }

  /** Kills what start() left running, then {@code down} (a no-op when no cluster is up). */
  @Override
  public void close() throws IOException, InterruptedException {
    for (Process p : background) {
      if (p.isAlive()) {
        killTree(p.toHandle());
      }
    }
    Result down = run("down");
    if (down.code() != 0) {
      throw new AssertionError("run-cluster.sh down failed (exit " + down.code() + "): " + down.output());
    }
  }

  /** The first of {@code n} consecutive free ports (worker i serves its UI on base + i). */
  private static int freePortRun(int n) throws IOException {
    for (int attempt = 0; attempt < 50; attempt++) {
      int base = freePort();
      if (base + n > 65535) {
        continue;
      }
      boolean free = true;
      for (int k = 1; k < n && free; k++) {
        try (ServerSocket next = new ServerSocket(base + k)) {
          // free
        } catch (IOException taken) {
          free = false;
        }
      }
      if (free) {
        return base;
      }
    }
    throw new IOException("no " + n + " consecutive free ports");
  }
}
