package org.treasuremarkers.model.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.treasuremarkers.core.json.InvalidConfigException;
import org.treasuremarkers.model.config.TrainConfig;
import org.treasuremarkers.model.data.SequenceEncoder;
import org.treasuremarkers.model.generate.Generator;
import org.treasuremarkers.model.generate.SamplingOptions;
import org.treasuremarkers.model.nn.QuietSameDiff;
import org.treasuremarkers.model.tokenizer.BpeTokenizer;
import org.treasuremarkers.model.tokenizer.ByteTokenizer;
import org.treasuremarkers.model.tokenizer.HuggingFaceTokenizerJson;
import org.treasuremarkers.model.tokenizer.Tokenizer;
import org.treasuremarkers.model.tokenizer.Vocabulary;

/** model.tokenizer selects bytes or BPE; the model folder records the tokenizer file and its SHA-256. */
class TokenizerWiringTest {
  private static final List<DemoRows.Example> ROWS = DemoRows.load().subList(0, 80);

  private static TrainConfig bpeConfig() {
    return TinyConfig.of(8, 2, 1, 100).with("{\"model\": {\"tokenizer\": {\"type\": \"bpe\", \"vocab_size\": 600,"
        + " \"sample_rows\": 60}}}");
  }

  private static List<String> corpus(TrainConfig config) {
    List<String[]> rows = ROWS.stream().map(r -> new String[] {r.id(), r.inputText(), r.targetText()}).toList();
    return TokenizerCorpus.sample(rows, new org.treasuremarkers.model.data.HeldOutSplit(
        config.training().heldoutPercent(), config.training().seed()), config.training().seed(), 60);
  }

  private static TrainingRun trainBpe(Path out, TrainConfig config) {
    return QuietSameDiff.run(() -> {
      TrainingRun run = TrainingRun.open(new TrainingRun.Options(out, config, DemoRows.TAXONOMY, null, null),
          () -> corpus(config));
      SequenceEncoder encoder = run.encoder();
      var examples = ROWS.stream().filter(r -> !run.heldOut().isHeldOut(r.id()))
          .map(r -> encoder.encode(r.id(), r.inputText(), r.targetText())).toList();
      run.train(new LocalRounds(examples, 32, 8, 2, config.training().seed()));
      return run;
    });
  }

  @Test
  void bpeModelFolderHoldsTokenizerJsonAndItsSha256AndLoadsBack(@TempDir Path out) throws Exception {
    TrainConfig config = bpeConfig();
    TrainingRun run = trainBpe(out, config);
    assertInstanceOf(BpeTokenizer.class, run.tokenizer());
    assertEquals(600, run.tokenizer().size());
    assertEquals(600L * 16, run.network().getParam("embedding_W").length(), "the embedding has one row per id");

    JsonNode record = new ObjectMapper().readTree(out.resolve(TokenizerRecord.FILE_NAME).toFile());
    assertEquals("bpe", record.get("type").asText());
    assertEquals(HuggingFaceTokenizerJson.FILE_NAME, record.get("file").asText());
    assertEquals(TokenizerRecord.sha256(out.resolve("tokenizer.json")), record.get("sha256").asText());
    assertFalse(Files.exists(out.resolve(Vocabulary.FILE_NAME)));

    Tokenizer loaded = new ModelDirectory(out).tokenizer();
    String text = ROWS.get(0).inputText() + ROWS.get(0).targetText();
    assertArrayEquals(run.tokenizer().encode(text), loaded.encode(text));
    var generation = QuietSameDiff.run(() -> Generator.load(new ModelDirectory(out), DemoRows.TAXONOMY)
        .generate("Say hello", java.util.Map.of(), SamplingOptions.greedy(5)));
    assertTrue(generation.tokens() > 0 || generation.endedWithEos());

    // Resuming reads the recorded tokenizer instead of training a new one.
    TrainingRun resumed = QuietSameDiff.run(() -> TrainingRun.open(
        new TrainingRun.Options(out, config, DemoRows.TAXONOMY, null, null), () -> {
          throw new AssertionError("a resumed run must not train a tokenizer");
        }));
    assertTrue(resumed.resumed());
    assertArrayEquals(run.tokenizer().encode(text), resumed.tokenizer().encode(text));

    Files.writeString(out.resolve("tokenizer.json"), Files.readString(out.resolve("tokenizer.json")) + " ");
    InvalidConfigException e = assertThrows(InvalidConfigException.class, () -> new ModelDirectory(out).tokenizer());
    assertTrue(e.getMessage().contains("SHA-256"), e.getMessage());
  }

  @Test
  void bpeWithoutTrainingTextIsRefusedWithTheReason(@TempDir Path out) {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> QuietSameDiff.run(() ->
        TrainingRun.open(new TrainingRun.Options(out, bpeConfig(), DemoRows.TAXONOMY, null, null))));
    assertTrue(e.getMessage().contains("bpe"), e.getMessage());
  }

  @Test
  void byteFoldersRecordTheirVocabularyAndOldFoldersWithoutARecordStillLoad(@TempDir Path out) throws Exception {
    TrainConfig config = TinyConfig.of(8, 2, 1, 100);
    QuietSameDiff.run(() -> TrainingRun.open(new TrainingRun.Options(out, config, DemoRows.TAXONOMY, null, null)));
    JsonNode record = new ObjectMapper().readTree(out.resolve(TokenizerRecord.FILE_NAME).toFile());
    assertEquals("bytes", record.get("type").asText());
    assertEquals(Vocabulary.FILE_NAME, record.get("file").asText());
    Tokenizer recorded = new ModelDirectory(out).tokenizer();

    // A folder written before the record existed: vocabulary.json only.
    Files.delete(out.resolve(TokenizerRecord.FILE_NAME));
    Tokenizer old = new ModelDirectory(out).tokenizer();
    assertInstanceOf(ByteTokenizer.class, old);
    assertEquals(Vocabulary.withTemplateTags(DemoRows.TAXONOMY), ((ByteTokenizer) old).vocabulary());
    String text = ROWS.get(1).targetText();
    assertArrayEquals(recorded.encode(text), old.encode(text));
    assertEquals("bytes", TrainConfig.loadDefault().model().tokenizer().type(), "bytes stays the default");
    Path bpeConf = Path.of(System.getProperty("treasure.projectDir", "../..")).resolve("conf/train-bpe.json");
    var shipped = TrainConfig.load(bpeConf).model().tokenizer();
    assertEquals(new org.treasuremarkers.model.config.TokenizerConfig("bpe", 8192, 20_000), shipped);
  }
}
