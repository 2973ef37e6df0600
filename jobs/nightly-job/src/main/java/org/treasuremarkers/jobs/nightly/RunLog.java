package org.treasuremarkers.jobs.nightly;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * {@code STATE/runs.jsonl}: one JSON line per run, appended when the run ends (refused runs too). A single
 * O_APPEND write of one short line, so concurrent appends do not interleave on a local file system.
 */
final class RunLog {
  static final String FILE = "runs.jsonl";

  private RunLog() {}

  static void append(Path stateDir, ObjectNode line) {
    Path file = stateDir.resolve(FILE);
    try {
      Files.createDirectories(stateDir);
      Files.write(file, (line.toString() + "\n").getBytes(StandardCharsets.UTF_8), StandardOpenOption.CREATE,
          StandardOpenOption.APPEND, StandardOpenOption.WRITE);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot append to " + file, e);
    }
  }
}
