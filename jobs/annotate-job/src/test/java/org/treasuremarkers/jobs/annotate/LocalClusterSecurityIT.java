package org.treasuremarkers.jobs.annotate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Security defaults of the local cluster that AnnotateJobSubmitIT does not look at: every file holding the secret
 * (not only {@code secret}) is readable by its owner only, the state folder too, the daemons' command lines carry
 * no secret, authentication is on in the daemons' and the driver's properties, and every TCP port the master and
 * worker listen on is bound to 127.0.0.1 (RPC and web UIs).
 */
class LocalClusterSecurityIT {
  private static final Path ROOT = Path.of(System.getProperty("treasure.projectDir", "../..")).toAbsolutePath().normalize();

  @TempDir
  Path dir;

  private String script(Map<String, String> env, String... args) throws Exception {
    List<String> command = new ArrayList<>(List.of(ROOT.resolve("run-cluster.sh").toString()));
    command.addAll(List.of(args));
    ProcessBuilder pb = new ProcessBuilder(command).directory(ROOT.toFile()).redirectErrorStream(true);
    pb.environment().remove("SPARK_MASTER");
    pb.environment().putAll(env);
    Process p = pb.start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertTrue(p.waitFor(5, TimeUnit.MINUTES));
    assertEquals(0, p.exitValue(), "run-cluster.sh " + String.join(" ", args) + ": " + out);
    return out;
  }

  private static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0)) {
      return s.getLocalPort();
    }
  }

  /** Local addresses of the TCP sockets process {@code pid} listens on, from {@code ss -Htlnp}. */
  private static List<String> listening(long pid) throws Exception {
    Process p = new ProcessBuilder("ss", "-Htlnp").redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    p.waitFor();
    List<String> addresses = new ArrayList<>();
    for (String line : out.split("\n")) {
      if (line.contains("pid=" + pid + ",")) {
        addresses.add(line.trim().split("\\s+")[3]);
      }
    }
    return addresses;
  }

  @Test
  void secretFilesArePrivateAndEveryDaemonPortIsOnLoopback() throws Exception {
    Path state = dir.resolve("state");
    Map<String, String> env = Map.of("TM_CLUSTER_STATE", state.toString(),
        "TM_MASTER_PORT", String.valueOf(freePort()), "TM_MASTER_UI_PORT", String.valueOf(freePort()),
        "TM_WORKER_UI_PORT", String.valueOf(freePort()), "TM_WORKER_MEMORY", "512m");
    try {
      script(env, "up", "--workers", "1");
      assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(state)));
      String secret = Files.readString(state.resolve("secret")).strip();
      assertTrue(secret.length() >= 64, "a 32-byte random secret in hex");
      for (String file : List.of("secret", "daemon.conf", "submit.conf")) {
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(state.resolve(file))),
            file);
      }
      for (String file : List.of("daemon.conf", "submit.conf")) {
        String conf = Files.readString(state.resolve(file));
        assertTrue(conf.contains("spark.authenticate true") && conf.contains(secret), file);
      }
      for (String pidFile : List.of("master.pid", "worker-0.pid")) {
        long pid = Long.parseLong(Files.readString(state.resolve(pidFile)).strip());
        String cmdline = Files.readString(Path.of("/proc", String.valueOf(pid), "cmdline")).replace('\0', ' ');
        assertFalse(cmdline.contains(secret), "the secret is on the command line of " + pidFile);
        List<String> addresses = listening(pid);
        assertFalse(addresses.isEmpty(), "ss shows no listening socket of " + pidFile + " (pid " + pid + ")");
        for (String address : addresses) {
          assertTrue(address.startsWith("127.0.0.1:") || address.startsWith("[::ffff:127.0.0.1]:"),
              pidFile + " listens on " + address + " (all: " + addresses + ")");
        }
      }
      try (Stream<Path> logs = Files.walk(state.resolve("logs"))) {
        for (Path log : logs.filter(Files::isRegularFile).toList()) {
          assertFalse(Files.readString(log).contains(secret), "secret in " + log);
        }
      }
    } finally {
      script(env, "down");
    }
    assertFalse(Files.exists(state.resolve("secret")) || Files.exists(state.resolve("daemon.conf"))
        || Files.exists(state.resolve("submit.conf")), "down removes every copy of the secret");
  }
}
