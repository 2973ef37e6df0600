package org.treasuremarkers.spark.annotate;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.concurrent.ConcurrentHashMap;
import org.treasuremarkers.core.annotate.ExampleAnnotator;
import org.treasuremarkers.core.annotate.StandardAnnotators;
import org.treasuremarkers.core.tagger.Tagger;
import org.treasuremarkers.core.taxonomy.Taxonomy;
import org.treasuremarkers.core.taxonomy.TaxonomyLoader;

/**
 * The per-example annotator of an executor JVM: built once per taxonomy (keyed by the taxonomy's SHA-256) and
 * shared by every task of the JVM, because building its detectors is far costlier than annotating a row.
 */
public final class ExampleAnnotators {
  private static final ConcurrentHashMap<String, ExampleAnnotator> BY_TAXONOMY = new ConcurrentHashMap<>();

  private ExampleAnnotators() {}

  /** The shared annotator for a taxonomy given as its JSON text, with the shipped tagger. */
  public static ExampleAnnotator forTaxonomyJson(String taxonomyJson) {
    return forTaxonomyJson(taxonomyJson, Tagger.DEFAULT);
  }

  /**
   * The shared annotator for a taxonomy given as its JSON text and a tagger option ({@link Tagger#forOption}: the
   * shipped tagger, none, or a model folder readable where this runs).
   */
  public static ExampleAnnotator forTaxonomyJson(String taxonomyJson, String tagger) {
    byte[] bytes = taxonomyJson.getBytes(StandardCharsets.UTF_8);
    return BY_TAXONOMY.computeIfAbsent(sha256(bytes) + " tagger " + tagger, key -> create(
        TaxonomyLoader.parse("taxonomy of MarkerAnnotator (sha256 " + sha256(bytes) + ")", bytes), tagger));
  }

  /** The one place that decides which annotators run: markers-core's standard ones, packaged rules, a tagger. */
  static ExampleAnnotator create(Taxonomy taxonomy, String tagger) {
    return StandardAnnotators.exampleAnnotator(taxonomy, Tagger.forOption(tagger));
  }

  private static String sha256(byte[] bytes) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
