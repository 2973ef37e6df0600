package org.treasuremarkers.core.tagger;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A set of per-marker {@link LinearTagger}s read from a model folder: {@code task.tagger}, {@code domain.tagger}
 * and any other {@code <marker>.tagger} of {@link #MARKERS}. The shipped folder is on the class path
 * ({@value #SHIPPED}); a user's folder is a path. Folders are read once per JVM and shared.
 */
public final class Tagger {
  /** Where the shipped tagger lives on the class path. */
  public static final String SHIPPED = "treasure-markers/models/tagger/v2/";
  /** The markers a tagger folder may hold, in the order they are applied. */
  public static final java.util.List<String> MARKERS = java.util.List.of("task", "domain", "style", "format");

  private static final Map<String, Tagger> LOADED = new ConcurrentHashMap<>();

  private final String location;
  private final Map<String, LinearTagger> byMarker;

  public Tagger(String location, Map<String, LinearTagger> byMarker) {
    this.location = location;
    this.byMarker = Map.copyOf(byMarker);
  }

  public String location() {
    return location;
  }

  public Map<String, LinearTagger> byMarker() {
    return byMarker;
  }

  public Optional<LinearTagger> forMarker(String marker) {
    return Optional.ofNullable(byMarker.get(marker));
  }

  /** The value of a tagger option that means the shipped tagger. */
  public static final String DEFAULT = "default";
  /** The value of a tagger option that means no tagger. */
  public static final String NONE = "none";

  /**
   * The tagger a job option names: {@value #DEFAULT} (the shipped one, if the build has it), {@value #NONE}, or the
   * path of a model folder.
   */
  public static Optional<Tagger> forOption(String option) {
    if (option == null || option.equals(DEFAULT)) {
      return shipped();
    }
    if (option.equals(NONE)) {
      return Optional.empty();
    }
    return Optional.of(fromFolder(Path.of(option)));
  }

  /** The shipped tagger, or empty when this build has none on its class path. */
  public static Optional<Tagger> shipped() {
    Tagger t = LOADED.computeIfAbsent("classpath:" + SHIPPED, key -> readShipped());
    return t.byMarker.isEmpty() ? Optional.empty() : Optional.of(t);
  }

  /** The tagger in {@code folder}, read once per JVM. */
  public static Tagger fromFolder(Path folder) {
    Path absolute = folder.toAbsolutePath().normalize();
    return LOADED.computeIfAbsent(absolute.toString(), key -> readFolder(absolute));
  }

  private static Tagger readShipped() {
    Map<String, LinearTagger> models = new LinkedHashMap<>();
    ClassLoader loader = Tagger.class.getClassLoader();
    for (String marker : MARKERS) {
      String resource = SHIPPED + marker + ".tagger";
      try (InputStream in = loader.getResourceAsStream(resource)) {
        if (in != null) {
          models.put(marker, TaggerFile.read(new java.io.BufferedInputStream(in, 1 << 16), resource));
        }
      } catch (IOException e) {
        throw new UncheckedIOException("cannot read the shipped tagger " + resource, e);
      }
    }
    return new Tagger("classpath:" + SHIPPED, models);
  }

  private static Tagger readFolder(Path folder) {
    if (!Files.isDirectory(folder)) {
      throw new IllegalArgumentException("tagger folder " + folder + " does not exist; give a folder that holds "
          + "task.tagger / domain.tagger (as written by ./run-cluster.sh train-tagger), or --tagger none");
    }
    Map<String, LinearTagger> models = new LinkedHashMap<>();
    for (String marker : MARKERS) {
      Path file = folder.resolve(marker + ".tagger");
      if (Files.exists(file)) {
        try (InputStream in = new java.io.BufferedInputStream(Files.newInputStream(file), 1 << 16)) {
          models.put(marker, TaggerFile.read(in, file.toString()));
        } catch (IOException e) {
          throw new UncheckedIOException("cannot read the tagger file " + file, e);
        }
      }
    }
    if (models.isEmpty()) {
      throw new IllegalArgumentException("tagger folder " + folder + " holds no <marker>.tagger file for any of "
          + MARKERS + "; retrain it with ./run-cluster.sh train-tagger or pass --tagger none");
    }
    return new Tagger(folder.toString(), models);
  }
}
