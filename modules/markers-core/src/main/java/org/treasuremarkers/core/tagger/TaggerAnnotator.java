package org.treasuremarkers.core.tagger;

import java.util.ArrayList;
import java.util.List;
import org.treasuremarkers.core.annotate.Annotator;
import org.treasuremarkers.core.annotate.MarkerBuilder;
import org.treasuremarkers.core.example.MarkerOrigin;
import org.treasuremarkers.core.example.RawExample;
import org.treasuremarkers.core.taxonomy.CategoricalCategory;
import org.treasuremarkers.core.taxonomy.Taxonomy;

/**
 * Fills the markers a {@link Tagger} predicts (task, domain, ...) from the prompt, after the row, its dataset and
 * the precise rules had their say: it never overrides a value already set. Below a model's threshold it proposes
 * nothing. Its values carry {@link MarkerOrigin#MODEL}.
 *
 * <p>Task and domain are decided together under one constraint of the taxonomy: a code task (CodeGeneration,
 * CodeFix, ...) is about code, so it goes with domain Code. The pair with the highest joint probability that
 * keeps it wins; this stops a plain English question from being called CodeGeneration because code instructions
 * are the most common English instructions in the training sources.
 */
public final class TaggerAnnotator implements Annotator {
  static final String CODE_DOMAIN = "Code";
  static final String CODE_TASK_PREFIX = "Code";

  private final LinearTagger task;
  private final LinearTagger domain;
  private final List<LinearTagger> others;

  /** @throws IllegalArgumentException when a model predicts a class the taxonomy does not have */
  public TaggerAnnotator(Tagger tagger, Taxonomy taxonomy) {
    LinearTagger t = null;
    LinearTagger d = null;
    List<LinearTagger> rest = new ArrayList<>();
    for (String marker : Tagger.MARKERS) {
      LinearTagger model = tagger.forMarker(marker).filter(m -> taxonomy.has(marker)).orElse(null);
      if (model == null) {
        continue;
      }
      check(tagger, taxonomy, model);
      switch (marker) {
        case "task" -> t = model;
        case "domain" -> d = model;
        default -> rest.add(model);
      }
    }
    this.task = t;
    this.domain = d;
    this.others = List.copyOf(rest);
  }

  private static void check(Tagger tagger, Taxonomy taxonomy, LinearTagger model) {
    String marker = model.marker();
    if (!(taxonomy.category(marker) instanceof CategoricalCategory)) {
      throw new IllegalArgumentException("tagger " + tagger.location() + " predicts " + marker
          + ", which is not a categorical marker in this taxonomy");
    }
    for (String value : model.classes()) {
      if (!taxonomy.category(marker).accepts(value)) {
        throw new IllegalArgumentException("tagger " + tagger.location() + " predicts " + marker + "=" + value
            + ", which the taxonomy does not have; retrain it with ./run-cluster.sh train-tagger");
      }
    }
  }

  @Override
  public void annotate(RawExample example, MarkerBuilder markers) {
    String prompt = example.prompt();
    boolean taskOpen = task != null && !markers.has("task");
    boolean domainOpen = domain != null && !markers.has("domain");
    double[] pTask = null;
    double[] pDomain = null;
    if (taskOpen && domainOpen && task.buckets() == domain.buckets()) {
      FeatureVector features = task.features(prompt); // one pass over the text for both markers
      pTask = task.probabilities(features);
      pDomain = domain.probabilities(features);
    } else {
      pTask = taskOpen ? task.probabilities(prompt) : null;
      pDomain = domainOpen ? domain.probabilities(prompt) : null;
    }
    if (taskOpen) {
      String givenDomain = markers.get("domain");
      boolean codeAllowed = givenDomain == null || givenDomain.equals(CODE_DOMAIN);
      int bestPlain = best(pTask, task, false);
      int bestCode = codeAllowed ? best(pTask, task, true) : -1;
      int chosen = bestPlain;
      if (bestCode >= 0) {
        // with the domain open, a code task counts only as much as the domain model believes in Code
        double codeWeight = pDomain == null ? 1.0 : probability(pDomain, domain, CODE_DOMAIN);
        double plainWeight = pDomain == null ? 1.0 : max(pDomain);
        if (bestPlain < 0 || pTask[bestCode] * codeWeight > pTask[bestPlain] * plainWeight) {
          chosen = bestCode;
        }
      }
      if (chosen >= 0 && pTask[chosen] >= task.threshold()) {
        markers.propose("task", task.classes().get(chosen), MarkerOrigin.MODEL);
      }
    }
    if (domainOpen) {
      String t = markers.get("task");
      boolean codeTask = t != null && t.startsWith(CODE_TASK_PREFIX) && domain.classes().contains(CODE_DOMAIN);
      if (codeTask) {
        markers.propose("domain", CODE_DOMAIN, MarkerOrigin.MODEL); // implied by the task, whatever its probability
      } else {
        int chosen = argmax(pDomain);
        if (pDomain[chosen] >= domain.threshold()) {
          markers.propose("domain", domain.classes().get(chosen), MarkerOrigin.MODEL);
        }
      }
    }
    for (LinearTagger model : others) {
      if (!markers.has(model.marker())) {
        Prediction p = model.predict(prompt);
        if (p.probability() >= model.threshold()) {
          markers.propose(model.marker(), p.value(), MarkerOrigin.MODEL);
        }
      }
    }
  }

  /** The most probable class among code tasks ({@code code}) or the others; -1 when there is none. */
  private static int best(double[] p, LinearTagger model, boolean code) {
    int best = -1;
    for (int c = 0; c < p.length; c++) {
      if (model.classes().get(c).startsWith(CODE_TASK_PREFIX) == code && (best < 0 || p[c] > p[best])) {
        best = c;
      }
    }
    return best;
  }

  private static double probability(double[] p, LinearTagger model, String value) {
    int i = model.classes().indexOf(value);
    return i < 0 ? 0 : p[i];
  }

  private static double max(double[] p) {
    return p[argmax(p)];
  }

  private static int argmax(double[] p) {
    int best = 0;
    for (int c = 1; c < p.length; c++) {
      if (p[c] > p[best]) {
        best = c;
      }
    }
    return best;
  }
}
