package org.treasuremarkers.learn.tagger;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BiConsumer;
import org.treasuremarkers.core.taxonomy.Taxonomy;

/**
 * Every labelled source of ../shared/datasets the tagger learns from, with its licence (as the datasets README
 * states it) and its reader. A source's labels come only from tagger-mapping.json.
 */
public final class TaggerSources {
  /** One source: its folder name, licence and how to read it. */
  public record Source(String name, String licence, BiConsumer<SourceRows, TaggerMapping> reader) {}

  /** What the sources gave: the rows, and per source the files read with their labelled row counts. */
  public record Read(List<LabelledText> rows, List<SourceFile> files) {}

  /** One file read, for provenance.json. */
  public record SourceFile(String source, Path file, String licence, int rows) {}

  private TaggerSources() {}

  public static List<Source> all(Taxonomy taxonomy) {
    return List.of(
        new Source("mmlu", "MIT", (o, m) -> ExamSources.subjects(o, m, "mmlu_test_csv.tar.gz", false)),
        new Source("cmmlu", "CC BY-NC-SA 4.0", (o, m) -> ExamSources.subjects(o, m, "cmmlu_test_csv.tar.gz", true)),
        new Source("agieval", "MIT", ExamSources::agieval),
        new Source("pubmedqa", "MIT", ExamSources::pubmedqa),
        new Source("tatqa", "CC BY 4.0", ExamSources::tatqa),
        new Source("frenchmedmcqa", "Apache-2.0", ExamSources::frenchmedmcqa),
        new Source("xquad", "CC BY-SA 4.0", ExamSources::xquad),
        new Source("legalbench", "per task: mostly CC BY 4.0", ExamSources::legalbench),
        new Source("fineval", "Apache-2.0", ExamSources::fineval),
        new Source("mgsm", "CC-BY-4.0", ExamSources::mgsm),
        new Source("gsm8k", "MIT", ExamSources::gsm8k),
        new Source("natural-instructions-sample", "Apache-2.0", InstructionSources::naturalInstructions),
        new Source("alpaca-seed", "CC BY-NC 4.0", (o, m) -> InstructionSources.alpacaSeed(o)),
        new Source("hellobench", "MIT", InstructionSources::hellobench),
        new Source("moss", "CC BY-NC 4.0", InstructionSources::moss),
        new Source("writingbench", "Apache-2.0", InstructionSources::writingbench),
        new Source("longwriter", "Apache-2.0", InstructionSources::longwriter),
        new Source("codealpaca", "CC BY-NC 4.0", (o, m) -> InstructionSources.codealpaca(o, taxonomy)),
        new Source("humaneval-x", "Apache-2.0", (o, m) -> InstructionSources.humanevalX(o)),
        new Source("codexglue", "C-UDA (data), MIT (code)", PairedSources::codexglue),
        new Source("codenn", "MIT", PairedSources::codenn),
        new Source("ntrex", "CC BY-SA 4.0", PairedSources::ntrex),
        new Source("asset", "CC BY-NC 4.0", PairedSources::asset),
        new Source("esnli", "MIT", PairedSources::esnli),
        new Source("mucgec", "Apache-2.0", PairedSources::mucgec),
        new Source("cowsl2h", "Apache-2.0", PairedSources::cowsl2h),
        new Source("dialogsum", "CC BY-NC-SA 4.0", PairedSources::dialogsum),
        new Source("kdconv", "Apache-2.0", PairedSources::kdconv),
        new Source("sib200", "Apache-2.0 (sentences: FLORES-200, CC BY-SA 4.0)", PairedSources::sib200),
        new Source("clinc150", "CC BY 3.0", PairedSources::clinc150));
  }

  /** Reads every source of {@code datasets} (the ../shared/datasets folder). */
  public static Read read(Path datasets, Taxonomy taxonomy) {
    return read(datasets, taxonomy, all(taxonomy));
  }

  public static Read read(Path datasets, Taxonomy taxonomy, List<Source> sources) {
    Path mappingFile = datasets.resolve("tagger-mapping.json");
    if (!Files.exists(mappingFile)) {
      throw new IllegalArgumentException(datasets + " has no tagger-mapping.json: give the shared datasets folder "
          + "(../shared/datasets)");
    }
    TaggerMapping mapping = TaggerMapping.read(mappingFile);
    List<LabelledText> rows = new ArrayList<>();
    List<SourceFile> files = new ArrayList<>();
    for (Source source : sources) {
      SourceRows out = new SourceRows(source.name(), datasets);
      if (!Files.isDirectory(out.folder())) {
        throw new IllegalArgumentException("source folder " + out.folder() + " is missing");
      }
      source.reader().accept(out, mapping);
      for (LabelledText row : out.rows) {
        check(taxonomy, row);
      }
      rows.addAll(out.rows);
      out.files.forEach((file, n) -> files.add(new SourceFile(source.name(), file, source.licence(), n)));
    }
    return new Read(List.copyOf(rows), List.copyOf(files));
  }

  private static void check(Taxonomy taxonomy, LabelledText row) {
    if (row.task() != null) {
      taxonomy.canonical("task", row.task());
    }
    if (row.domain() != null) {
      taxonomy.canonical("domain", row.domain());
    }
  }
}
