package org.treasuremarkers.learn.tagger;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.treasuremarkers.learn.io.TextFiles;

/**
 * Collects the rows one source gives and remembers the files it read (for provenance.json). Rows with neither a
 * task nor a domain label are dropped here: the mapping left them out.
 */
final class SourceRows {
  private static final ObjectMapper JSON = new ObjectMapper();

  final String source;
  final Path datasets;
  final List<LabelledText> rows = new ArrayList<>();
  final java.util.Map<Path, Integer> files = new java.util.LinkedHashMap<>();

  SourceRows(String source, Path datasets) {
    this.source = source;
    this.datasets = datasets;
  }

  Path folder() {
    return datasets.resolve(source);
  }

  void add(Path file, String group, String text, String task, String domain) {
    files.merge(file, 0, Integer::sum);
    if (text == null || text.isBlank() || (task == null && domain == null)) {
      return;
    }
    files.merge(file, 1, Integer::sum);
    String relative = datasets.relativize(file).toString().replace('\\', '/');
    rows.add(new LabelledText(source, source + "/" + group, relative, text.strip(), task, domain));
  }

  /** The files of the source folder whose name matches {@code glob}, sorted. */
  List<Path> files(String glob) {
    try (Stream<Path> s = Files.list(folder())) {
      var matcher = folder().getFileSystem().getPathMatcher("glob:" + glob);
      return s.filter(p -> matcher.matches(p.getFileName())).sorted().toList();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot list " + folder(), e);
    }
  }

  static JsonNode json(Path file) {
    try {
      return JSON.readTree(TextFiles.read(file));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot parse the JSON of " + file, e);
    }
  }

  /** Each non-blank line of a JSON-lines file. */
  static List<JsonNode> jsonLines(Path file) {
    List<JsonNode> out = new ArrayList<>();
    for (String line : TextFiles.lines(file)) {
      if (!line.isBlank()) {
        try {
          out.add(JSON.readTree(line));
        } catch (IOException e) {
          throw new UncheckedIOException("cannot parse a JSON line of " + file + ": " + line, e);
        }
      }
    }
    return out;
  }

  /** The file name without its folder and without the given suffix. */
  static String stem(Path file, String suffix) {
    String name = file.getFileName().toString();
    return name.endsWith(suffix) ? name.substring(0, name.length() - suffix.length()) : name;
  }

  static String joinLines(String... parts) {
    StringBuilder b = new StringBuilder();
    for (String p : parts) {
      if (p != null && !p.isBlank()) {
        if (b.length() > 0) {
          b.append('\n');
        }
        b.append(p.strip());
      }
    }
    return b.toString();
  }
}
