package org.treasuremarkers.jobs.nightly;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;

/**
 * {@code STATE/models/}: one train-job model folder per version ({@code v0001}, {@code v0002}, ...) and the pointer
 * file {@code CURRENT} naming the version in use. Promotion rewrites {@code CURRENT} by an atomic rename, so a
 * reader (or a run killed at any moment) sees the old version or the new one. A pointer file rather than a symlink:
 * it works on every volume a Kubernetes pod may mount. Readers: {@code models/$(cat models/CURRENT)}.
 */
final class ModelVersions {
  static final String POINTER = "CURRENT";

  private final Path root;

  ModelVersions(Path stateDir) {
    this.root = stateDir.resolve("models");
  }

  Path root() {
    return root;
  }

  static String name(int version) {
    return String.format("v%04d", version);
  }

  Path folder(String version) {
    return root.resolve(version);
  }

  Optional<String> current() {
    Path pointer = root.resolve(POINTER);
    if (!Files.exists(pointer)) {
      return Optional.empty();
    }
    try {
      return Optional.of(Files.readString(pointer, StandardCharsets.UTF_8).strip());
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + pointer, e);
    }
  }

  void promote(String version) {
    if (!Files.isDirectory(folder(version))) {
      throw new IllegalStateException("cannot promote " + version + ": " + folder(version) + " does not exist");
    }
    AtomicFile.write(root.resolve(POINTER), version + "\n");
  }

  /** Deletes version folders that are neither among the newest {@code keep} promoted ones nor {@code inUse}. */
  List<String> prune(List<String> promoted, int keep, String inUse) {
    Set<String> kept = new HashSet<>(promoted.subList(Math.max(0, promoted.size() - keep), promoted.size()));
    current().ifPresent(kept::add);
    if (inUse != null) {
      kept.add(inUse);
    }
    if (!Files.isDirectory(root)) {
      return List.of();
    }
    try (Stream<Path> entries = Files.list(root)) {
      List<String> deleted = entries.map(p -> p.getFileName().toString())
          .filter(n -> n.matches("v\\d{4,}") && !kept.contains(n)).sorted().toList();
      deleted.forEach(n -> delete(folder(n)));
      return deleted;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot list " + root, e);
    }
  }

  static void delete(Path dir) {
    if (!Files.exists(dir)) {
      return;
    }
    try (Stream<Path> paths = Files.walk(dir)) {
      for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(p);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot delete " + dir, e);
    }
  }
}
