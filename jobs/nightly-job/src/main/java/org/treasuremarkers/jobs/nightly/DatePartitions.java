package org.treasuremarkers.jobs.nightly;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * The day folders of the input: {@code INPUT/date=YYYY-MM-DD/}, each holding raw-example JSON lines files
 * ({@code *.jsonl}). Other entries (a writer's {@code _tmp} folder, {@code .staging}) are ignored; a folder named
 * {@code date=...} with a bad date or without any {@code .jsonl} file is an error naming it.
 */
final class DatePartitions {
  static final String PREFIX = "date=";

  private DatePartitions() {}

  /** Day (YYYY-MM-DD) -> its folder, oldest first. */
  static SortedMap<String, Path> list(Path inputDir) {
    if (!Files.isDirectory(inputDir)) {
      throw new IllegalArgumentException("input_dir " + inputDir + " is not a folder; create it, or fix input_dir in"
          + " the nightly configuration");
    }
    SortedMap<String, Path> days = new TreeMap<>();
    try (Stream<Path> entries = Files.list(inputDir)) {
      for (Path p : entries.sorted().toList()) {
        String name = p.getFileName().toString();
        if (!name.startsWith(PREFIX) || !Files.isDirectory(p)) {
          continue;
        }
        String day = name.substring(PREFIX.length());
        try {
          LocalDate.parse(day);
        } catch (DateTimeParseException e) {
          throw new IllegalArgumentException("input folder " + p + ": '" + day + "' is not a date YYYY-MM-DD;"
              + " rename it to date=YYYY-MM-DD or move it out of " + inputDir);
        }
        try (Stream<Path> files = Files.list(p)) {
          if (files.noneMatch(f -> f.getFileName().toString().endsWith(".jsonl"))) {
            throw new IllegalArgumentException("input folder " + p + " holds no .jsonl file; a day folder must be"
                + " complete when it appears (write it elsewhere, then rename it into " + inputDir + ")");
          }
        }
        days.put(day, p);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot list " + inputDir, e);
    }
    return days;
  }
}
