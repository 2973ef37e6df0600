package org.treasuremarkers.core.annotate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.treasuremarkers.core.example.RawExample;
import org.treasuremarkers.core.testing.SharedDatasetReaders;
import org.treasuremarkers.core.testing.SharedDatasets;

/**
 * The prefilters (anchoring, required literals, case folding) are speed-ups only: on real data every rule and
 * code signature must give exactly the answer of its plain regex.
 */
class PrefilterEquivalenceTest {
  private static final AnnotationRules RULES = AnnotationRules.loadDefault();

  @Test
  void rulesAnswerAsTheirPlainRegexOnTheSharedData() {
    List<RawExample> all = FunctionWordShortcutTest.everyThird(SharedDatasetReaders.all(SharedDatasets.require()));
    List<RegexRule> rules = new ArrayList<>(RULES.rules());
    rules.addAll(RULES.style());
    int fired = 0;
    for (RawExample e : all) {
      for (RegexRule rule : rules) {
        String text = rule.field().of(e);
        boolean plain = rule.pattern().matcher(text).find();
        assertEquals(plain, rule.matches(e), () -> rule.id() + " on " + e.id());
        fired += plain ? 1 : 0;
      }
    }
    assertTrue(fired > 500, "the rules fire on the shared data: " + fired);
  }

  @Test
  void codeScoresEqualWithoutThePrefilterOnTheSharedData() {
    CodeTypeAnnotator code = new CodeTypeAnnotator(RULES);
    List<RawExample> all = SharedDatasetReaders.all(SharedDatasets.require());
    for (int i = 0; i < all.size(); i += 11) { // every 11th example: all regexes unfiltered are slow
      String text = all.get(i).completion() + "\n" + all.get(i).prompt();
      assertEquals(code.scores(text, false), code.scores(text, true), all.get(i).id());
    }
  }

  @Test
  void anchoringAndFolding() {
    assertTrue(Prefilter.everyBranchAnchored("^a|^b"));
    assertTrue(Prefilter.everyBranchAnchored("\\A(?:x|y)z"));
    assertFalse(Prefilter.everyBranchAnchored("^a|b"));
    assertFalse(Prefilter.everyBranchAnchored("a^"));
    assertFalse(Prefilter.everyBranchAnchored("[|^]a"));
    Pattern p = Pattern.compile("^\\W*translate\\b", Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE);
    Prefilter f = Prefilter.of(p);
    assertTrue(f.anchoredAtStart());
    for (String text : List.of("Translate this", "  TRANSLATE!", "please translate", "ſtranslate", "TRANSLATE", "x")) {
      assertEquals(p.matcher(text).find(), f.matches(p, text), text);
    }
    assertEquals("straße", Prefilter.fold("STRAßE"));
  }
}
