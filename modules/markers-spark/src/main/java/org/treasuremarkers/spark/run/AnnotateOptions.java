package org.treasuremarkers.spark.run;

import java.nio.file.Path;
import org.treasuremarkers.core.tagger.Tagger;
import org.treasuremarkers.spark.source.SourcesConfig;

/**
 * What one annotate run reads and writes; built by annotate-job's command line or by a test.
 *
 * @param taxonomyFile the taxonomy, or null for the packaged conf/taxonomy.json
 * @param output folder (local path or Hadoop URI) for examples/, rejected/, stats/, models/, report.json
 * @param overwrite replace an existing output folder written by an earlier run
 * @param qualitySplits a saved QualityBucketModel to apply instead of fitting new splits (nightly runs), or null
 * @param classify also train the in-run domain/task classifier on rows that carry the marker and apply it to the
 *     rest (off by default: the shipped tagger already fills task and domain)
 * @param tagger the task/domain tagger: {@value Tagger#DEFAULT} (shipped), {@value Tagger#NONE}, or a model folder
 */
public record AnnotateOptions(SourcesConfig sources, Path taxonomyFile, String output, boolean overwrite,
    String qualitySplits, boolean classify, String tagger) {

  public static AnnotateOptions of(SourcesConfig sources, String output) {
    return new AnnotateOptions(sources, null, output, false, null, false, Tagger.DEFAULT);
  }

  public AnnotateOptions withOverwrite(boolean value) {
    return new AnnotateOptions(sources, taxonomyFile, output, value, qualitySplits, classify, tagger);
  }

  public AnnotateOptions withTaxonomy(Path file) {
    return new AnnotateOptions(sources, file, output, overwrite, qualitySplits, classify, tagger);
  }

  public AnnotateOptions withClassify(boolean value) {
    return new AnnotateOptions(sources, taxonomyFile, output, overwrite, qualitySplits, value, tagger);
  }

  public AnnotateOptions withQualitySplits(String path) {
    return new AnnotateOptions(sources, taxonomyFile, output, overwrite, path, classify, tagger);
  }

  public AnnotateOptions withTagger(String value) {
    return new AnnotateOptions(sources, taxonomyFile, output, overwrite, qualitySplits, classify, value);
  }
}
