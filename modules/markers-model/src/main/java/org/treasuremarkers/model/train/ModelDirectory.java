package org.treasuremarkers.model.train;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.util.ModelSerializer;
import org.treasuremarkers.model.config.TrainConfig;
import org.treasuremarkers.model.tokenizer.Tokenizer;
import org.treasuremarkers.model.tokenizer.Vocabulary;

/**
 * The files of a trained model (MODEL_DIR): {@code model.zip} (DL4J ModelSerializer, with updater state), the
 * tokenizer ({@code vocabulary.json} for bytes, Hugging Face {@code tokenizer.json} for BPE) and
 * {@code tokenizer-record.json} (which of the two, and its SHA-256), {@code train-config.json} (the resolved
 * configuration), {@code metrics.jsonl} (one line per averaging round), {@code checkpoints/} (resumable state),
 * {@code eval.json}. Folders written before the record existed hold a byte tokenizer and load as such.
 */
public final class ModelDirectory {
  public static final String MODEL = "model.zip";
  public static final String METRICS = "metrics.jsonl";
  public static final String EVAL = "eval.json";
  static final String CHECKPOINTS = "checkpoints";
  /** Checkpoints kept on disk; older ones are deleted once a newer one is complete. */
  static final int CHECKPOINTS_KEPT = 2;

  private final Path root;

  public ModelDirectory(Path root) {
    this.root = root.toAbsolutePath().normalize();
  }

  public Path root() {
    return root;
  }

  public Path model() {
    return root.resolve(MODEL);
  }

  public Path vocabularyFile() {
    return root.resolve(Vocabulary.FILE_NAME);
  }

  public Path configFile() {
    return root.resolve(TrainConfig.FILE_NAME);
  }

  public Path metrics() {
    return root.resolve(METRICS);
  }

  public Path eval() {
    return root.resolve(EVAL);
  }

  public Path checkpoints() {
    return root.resolve(CHECKPOINTS);
  }

  /** A scratch folder inside the output (Spark's export of minibatches), so nothing is left under /tmp. */
  public Path scratch() {
    return root.resolve("scratch");
  }

  public boolean hasModel() {
    return Files.isRegularFile(model());
  }

  /** The byte tokenizer's vocabulary file; a BPE model has none (see {@link #tokenizer()}). */
  public Vocabulary vocabulary() {
    return Vocabulary.load(vocabularyFile());
  }

  /** The tokenizer the model was trained with, checked against the SHA-256 its record holds. */
  public Tokenizer tokenizer() {
    return TokenizerRecord.load(root);
  }

  void saveTokenizer(Tokenizer tokenizer) {
    TokenizerRecord.save(root, tokenizer);
  }

  public TrainConfig config() {
    return TrainConfig.load(configFile());
  }

  /** The final model, with its updater state. */
  public ComputationGraph loadModel() {
    if (!hasModel()) {
      throw new IllegalArgumentException(root + " has no " + MODEL + "; is this a train-job output directory?");
    }
    return restore(model());
  }

  void saveModel(ComputationGraph net) {
    writeAtomically(model(), tmp -> ModelSerializer.writeModel(net, tmp.toFile(), true));
  }

  /** Writes a checkpoint (model, then its state file) and deletes all but the newest {@value #CHECKPOINTS_KEPT}. */
  void saveCheckpoint(ComputationGraph net, RunState state) {
    Path dir = checkpoints();
    String name = String.format("round-%08d", state.rounds());
    writeAtomically(dir.resolve(name + ".zip"), tmp -> ModelSerializer.writeModel(net, tmp.toFile(), true));
    // The state file is the commit point: a checkpoint without its .json is ignored on resume.
    writeAtomically(dir.resolve(name + ".json"), tmp -> new ObjectMapper().writeValue(tmp.toFile(), state));
    List<String> names = checkpointNames();
    for (int i = 0; i < names.size() - CHECKPOINTS_KEPT; i++) {
      deleteQuietly(dir.resolve(names.get(i) + ".json"));
      deleteQuietly(dir.resolve(names.get(i) + ".zip"));
    }
  }

  /** The newest complete checkpoint, if any. */
  public Optional<Checkpoint> latestCheckpoint() {
    List<String> names = checkpointNames();
    if (names.isEmpty()) {
      return Optional.empty();
    }
    String name = names.get(names.size() - 1);
    try {
      RunState state = new ObjectMapper().readValue(checkpoints().resolve(name + ".json").toFile(), RunState.class);
      return Optional.of(new Checkpoint(checkpoints().resolve(name + ".zip"), state));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read checkpoint state " + name + ".json in " + checkpoints(), e);
    }
  }

  /** A saved model and the run state after the round it was saved at. */
  public record Checkpoint(Path model, RunState state) {
    public ComputationGraph load() {
      return restore(model);
    }
  }

  static ComputationGraph restore(Path file) {
    try {
      return ModelSerializer.restoreComputationGraph(file.toFile(), true);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read model " + file, e);
    }
  }

  private List<String> checkpointNames() {
    Path dir = checkpoints();
    if (!Files.isDirectory(dir)) {
      return List.of();
    }
    try (Stream<Path> files = Files.list(dir)) {
      return files.map(p -> p.getFileName().toString())
          .filter(n -> n.startsWith("round-") && n.endsWith(".json"))
          .map(n -> n.substring(0, n.length() - ".json".length()))
          .filter(n -> Files.isRegularFile(dir.resolve(n + ".zip")))
          .sorted()
          .toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  interface Writer {
    void write(Path tmp) throws IOException;
  }

  static void writeAtomically(Path target, Writer writer) {
    try {
      Files.createDirectories(target.getParent());
      Path tmp = target.resolveSibling(target.getFileName() + ".tmp");
      writer.write(tmp);
      Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + target, e);
    }
  }

  static void deleteRecursively(Path dir) {
    if (!Files.exists(dir)) {
      return;
    }
    try (Stream<Path> paths = Files.walk(dir)) {
      paths.sorted(Comparator.reverseOrder()).forEach(ModelDirectory::deleteQuietly);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot clean " + dir, e);
    }
  }

  private static void deleteQuietly(Path p) {
    try {
      Files.deleteIfExists(p);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot delete " + p, e);
    }
  }
}
