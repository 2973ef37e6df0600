package org.treasuremarkers.core.quality;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Optional;

/**
 * The quality model shipped in models/quality/v1 (packaged by markers-core as {@value #RESOURCE}), read once per
 * JVM. Absent from the class path (a build without models/), it is empty and the annotator falls back to the
 * heuristic; present but unreadable, it fails loudly rather than silently changing the scores.
 */
public final class ShippedQualityModel {
  public static final String RESOURCE = "treasure-markers/models/quality/v1/quality-model.json";

  private ShippedQualityModel() {}

  public static Optional<QualityModel> get() {
    return Holder.MODEL;
  }

  private static final class Holder {
    static final Optional<QualityModel> MODEL = load();

    private static Optional<QualityModel> load() {
      ClassLoader loader = ShippedQualityModel.class.getClassLoader();
      try (InputStream in = loader.getResourceAsStream(RESOURCE)) {
        return in == null ? Optional.empty() : Optional.of(QualityModel.fromJson(RESOURCE, in.readAllBytes()));
      } catch (IOException e) {
        throw new UncheckedIOException("cannot read " + RESOURCE, e);
      }
    }
  }
}
