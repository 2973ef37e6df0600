package org.treasuremarkers.jobs.nightly;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * {@code ledger.json}: what earlier runs finished, saved atomically after every step so a killed run's successor
 * redoes only the step that was cut short. A day is {@code annotated} once its annotate output is complete, and
 * {@code decided} once a candidate trained on it was promoted or rejected. {@code candidate} is the model version
 * being trained for the days still undecided (a rerun resumes it); {@code promoted} lists promoted versions, oldest
 * first; {@code quality_splits} is the first night's fitted quality-bucket model that every later day reuses.
 */
final class Ledger {
  static final String FILE = "ledger.json";
  private static final ObjectMapper JSON = new ObjectMapper();

  final SortedSet<String> annotated = new TreeSet<>();
  final SortedSet<String> decided = new TreeSet<>();
  final List<String> promoted = new ArrayList<>();
  String qualitySplits;
  String heldOut;
  long heldOutRows;
  String candidate;
  final SortedSet<String> candidateDays = new TreeSet<>();
  int nextVersion = 1;

  static Ledger load(Path stateDir) {
    Path file = stateDir.resolve(FILE);
    Ledger ledger = new Ledger();
    if (!Files.exists(file)) {
      return ledger;
    }
    try {
      JsonNode n = JSON.readTree(file.toFile());
      n.path("annotated").forEach(v -> ledger.annotated.add(v.asText()));
      n.path("decided").forEach(v -> ledger.decided.add(v.asText()));
      n.path("promoted").forEach(v -> ledger.promoted.add(v.asText()));
      ledger.qualitySplits = text(n, "quality_splits");
      ledger.heldOut = text(n, "heldout");
      ledger.heldOutRows = n.path("heldout_rows").asLong(0);
      ledger.candidate = text(n.path("candidate"), "version");
      n.path("candidate").path("days").forEach(v -> ledger.candidateDays.add(v.asText()));
      ledger.nextVersion = n.path("next_version").asInt(1);
      return ledger;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the ledger " + file + "; it is written atomically, so this is not a"
          + " half-written file: restore it from a backup or fix it by hand", e);
    }
  }

  void save(Path stateDir) {
    ObjectNode n = JSON.createObjectNode();
    n.set("annotated", array(annotated));
    n.set("decided", array(decided));
    n.set("promoted", array(promoted));
    n.put("quality_splits", qualitySplits);
    n.put("heldout", heldOut);
    n.put("heldout_rows", heldOutRows);
    if (candidate != null) {
      ObjectNode c = n.putObject("candidate");
      c.put("version", candidate);
      c.set("days", array(candidateDays));
    }
    n.put("next_version", nextVersion);
    AtomicFile.write(stateDir.resolve(FILE), n.toPrettyString() + "\n");
  }

  /** Annotated days no candidate has been decided for yet, oldest first. */
  SortedSet<String> undecided() {
    SortedSet<String> out = new TreeSet<>(annotated);
    out.removeAll(decided);
    return out;
  }

  private static ArrayNode array(Iterable<String> values) {
    ArrayNode a = JSON.createArrayNode();
    values.forEach(a::add);
    return a;
  }

  private static String text(JsonNode n, String field) {
    JsonNode v = n.get(field);
    return v == null || v.isNull() ? null : v.asText();
  }
}
