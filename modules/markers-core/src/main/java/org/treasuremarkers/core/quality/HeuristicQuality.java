package org.treasuremarkers.core.quality;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.treasuremarkers.core.annotate.LanguageAnnotator;
import org.treasuremarkers.core.annotate.Prose;

/**
 * The <b>heuristic</b> quality score in [0, 5] (the fallback of {@code QualityAnnotator} when no learned model is on
 * the class path, and one of the learned model's features), in the spirit of the
 * Gopher/C4 quality rules that Dolma and datatrove apply to web text, adapted to instruction answers. It starts
 * at 5 and subtracts penalties; it is deterministic and sees only the example. It is not a judgement of
 * correctness, only a filter for visibly broken answers. Penalties (heuristics, not measured truths):
 * <ul>
 *   <li>empty answer: score 0;</li>
 *   <li>echoed answer (equal to the prompt, or a copy of a part of it at least {@value #ECHO_MIN_CHARS}
 *       characters long): -3;</li>
 *   <li>very short answer (fewer than {@value #SHORT_WORDS} words while the prompt has more than
 *       {@value #SHORT_PROMPT_WORDS}; a number or an option letter is a complete answer and exempt): -0.5;</li>
 *   <li>duplicate lines: more than 30% of the non-blank prose lines repeat an earlier one (Gopher's
 *       dup_line_frac; code is left out, it repeats lines by nature): -1.5;</li>
 *   <li>duplicate n-grams: in prose of {@value #NGRAM_MIN_WORDS}+ words, more than 15% of the words sit in a
 *       5-gram seen before (Gopher's duplicate 5-gram fraction, on words; 10-grams of characters for Chinese,
 *       Japanese and Thai, whose "words" here are single characters): -1.5;</li>
 *   <li>symbol-to-word ratio of the prose: hashtags and ellipses per word above 0.1 (Gopher): -1;</li>
 *   <li>stop words: English prose of 50+ words with fewer than two of Gopher's eight stop words
 *       (the, be, to, of, and, that, have, with): -1; other languages are not checked, because a short
 *       list means nothing across morphologies and scripts;</li>
 *   <li>truncation: an answer of 15+ words whose last line is prose that stops mid-sentence (ends in a letter,
 *       comma or hyphen, and is not a list item, heading or table row): -1;</li>
 *   <li>ellipsis endings: more than 30% of the lines end in "..." or "…" (Gopher): -0.5;</li>
 *   <li>vocabulary variety, graded: in prose of {@value #VARIETY_WINDOW}+ words, the moving-average type-token
 *       ratio over windows of {@value #VARIETY_WINDOW} words (MATTR, Covington &amp; McFall 2010; unlike a plain
 *       type-token ratio it does not fall with length) below {@value #VARIETY_FULL} costs up to -1, linearly
 *       down to {@value #VARIETY_NONE}.</li>
 * </ul>
 * The symbol, stop-word, truncation and variety checks are skipped for an answer that is mostly code. The variety
 * term is what makes the score continuous: without it most clean answers tie at 5.00 and per-language quartiles
 * (quality_bucket) collapse into one bucket. Its level differs between scripts (characters count as words in
 * Chinese, Japanese and Thai), which is harmless for the buckets, since those are cut per language.
 */
public final class HeuristicQuality {
  static final int ECHO_MIN_CHARS = 20;
  static final int SHORT_WORDS = 3;
  static final int SHORT_PROMPT_WORDS = 12;
  /**
   * Most share of words in repeated n-grams: twice Gopher's 0.15 for web pages, because answers are short and
   * lists repeat their sentence frame ("A triangle is classified as acute if ...").
   */
  static final double DUPLICATE_NGRAM_FRACTION = 0.3;
  /** Least prose words for the n-gram repetition check; shorter answers repeat a phrase by chance. */
  static final int NGRAM_MIN_WORDS = 50;
  /** Window of the moving-average type-token ratio, in words; also the least prose words for the check. */
  static final int VARIETY_WINDOW = 50;
  /** MATTR at or above which variety costs nothing. */
  static final double VARIETY_FULL = 0.8;
  /** MATTR at or below which variety costs the whole penalty. */
  static final double VARIETY_NONE = 0.4;
  /** A number or an option letter: a complete answer however short. */
  private static final java.util.regex.Pattern COMPLETE_SHORT =
      java.util.regex.Pattern.compile("[-+$€£¥]?\\d[\\d,.]*\\s*%?|\\(?[A-E][).]?");
  /** Gopher's stop words, checked only for English prose. */
  private static final Set<String> ENGLISH_STOP_WORDS = Set.of("the", "be", "to", "of", "and", "that", "have", "with");

  private HeuristicQuality() {}

  /** False for a null, empty or blank completion: the example has no answer to score. */
  public static boolean hasAnswer(String completion) {
    return completion != null && !completion.isBlank();
  }

  /** The heuristic score; {@code lang} is the example's language value or null. */
  public static double score(String prompt, String completion, String lang) {
    String answer = completion.strip();
    if (answer.isEmpty()) {
      return 0;
    }
    double score = 5;
    String question = prompt.strip();
    if (answer.equals(question) || answer.length() >= ECHO_MIN_CHARS && question.contains(answer)) {
      score -= 3;
    }
    List<String> words = words(answer);
    if (words.size() < SHORT_WORDS && words(question).size() > SHORT_PROMPT_WORDS && !COMPLETE_SHORT.matcher(answer).matches()) {
      score -= 0.5;
    }
    String[] lines = answer.split("\n");
    // Repetition is measured on the prose: code repeats lines and tokens by nature.
    String prose = Prose.of(answer);
    List<String> proseWords = words(prose);
    if (duplicateLineFraction(prose.split("\n")) > 0.3) {
      score -= 1.5;
    }
    if (proseWords.size() >= NGRAM_MIN_WORDS && duplicateNgramFraction(proseWords, ngramLength(prose)) > DUPLICATE_NGRAM_FRACTION) {
      score -= 1.5;
    }
    // The checks of prose quality say nothing about an answer that is mostly code.
    boolean mostlyCode = Prose.letterWeight(prose) < LanguageAnnotator.MIN_PROSE_SHARE * Prose.letterWeight(answer);
    if (!mostlyCode && !proseWords.isEmpty() && symbolCount(prose) > 0.1 * proseWords.size()) {
      score -= 1;
    }
    if (!mostlyCode && "English".equals(lang) && proseWords.size() >= 50 && stopWords(proseWords) < 2) {
      score -= 1;
    }
    if (!mostlyCode && words.size() >= 15 && endsMidSentence(lines)) {
      score -= 1;
    }
    if (ellipsisLineFraction(lines) > 0.3) {
      score -= 0.5;
    }
    if (!mostlyCode && proseWords.size() >= VARIETY_WINDOW) {
      double mattr = movingTypeTokenRatio(proseWords, VARIETY_WINDOW);
      score -= Math.max(0, Math.min(1, (VARIETY_FULL - mattr) / (VARIETY_FULL - VARIETY_NONE)));
    }
    return Math.max(0, Math.min(5, score));
  }

  /**
   * Words: runs of letters or digits, lower-cased; each Han, Kana or Thai character counts as a word of its
   * own, so repetition is measured in scripts written without spaces too.
   */
  public static List<String> words(String text) {
    List<String> out = new ArrayList<>();
    int start = -1;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      boolean unspaced = c >= 0x0E00 && c <= 0x0E7F || c >= 0x3040 && c <= 0x30FF || c >= 0x4E00 && c <= 0x9FFF;
      boolean wordChar = Character.isLetterOrDigit(c) && !unspaced;
      if (wordChar) {
        if (start < 0) {
          start = i;
        }
        continue;
      }
      if (start >= 0) {
        out.add(text.substring(start, i).toLowerCase(java.util.Locale.ROOT));
        start = -1;
      }
      if (unspaced) {
        out.add(String.valueOf(c));
      }
    }
    if (start >= 0) {
      out.add(text.substring(start).toLowerCase(java.util.Locale.ROOT));
    }
    return out;
  }

  /** Mean share of distinct words over every window of {@code window} consecutive words (needs that many). */
  public static double movingTypeTokenRatio(List<String> words, int window) {
    Map<String, Integer> inWindow = new HashMap<>();
    double sum = 0;
    for (int i = 0; i < words.size(); i++) {
      inWindow.merge(words.get(i), 1, Integer::sum);
      if (i >= window) {
        inWindow.computeIfPresent(words.get(i - window), (w, n) -> n == 1 ? null : n - 1);
      }
      if (i >= window - 1) {
        sum += (double) inWindow.size() / window;
      }
    }
    return sum / (words.size() - window + 1);
  }

  // Word 5-grams, or character 10-grams when most tokens are single characters of an unspaced script.
  private static int ngramLength(String prose) {
    int unspaced = 0;
    int letters = 0;
    for (int i = 0; i < prose.length(); i++) {
      char c = prose.charAt(i);
      if (Character.isLetter(c)) {
        letters++;
        if (isUnspacedScript(c)) {
          unspaced++;
        }
      }
    }
    return unspaced * 2 > letters ? 10 : 5;
  }

  public static double duplicateLineFraction(String[] lines) {
    Set<String> seen = new HashSet<>();
    int nonBlank = 0;
    int duplicates = 0;
    for (String line : lines) {
      String l = line.strip();
      if (l.isEmpty() || isStructural(l)) {
        continue; // "}", "---", "```" repeat in any code or table
      }
      nonBlank++;
      if (!seen.add(l)) {
        duplicates++;
      }
    }
    return nonBlank == 0 ? 0 : (double) duplicates / nonBlank;
  }

  public static double duplicateNgramFraction(List<String> words, int n) {
    if (words.size() < n) {
      return 0;
    }
    Map<String, Integer> firstSeen = new HashMap<>();
    boolean[] duplicated = new boolean[words.size()];
    for (int i = 0; i + n <= words.size(); i++) {
      String gram = String.join(" ", words.subList(i, i + n));
      if (firstSeen.putIfAbsent(gram, i) != null) {
        for (int k = i; k < i + n; k++) {
          duplicated[k] = true;
        }
      }
    }
    int count = 0;
    for (boolean d : duplicated) {
      if (d) {
        count++;
      }
    }
    return (double) count / words.size();
  }

  private static int symbolCount(String prose) {
    int n = 0;
    for (int i = 0; i < prose.length(); i++) {
      char c = prose.charAt(i);
      if (c == '#' && i + 1 < prose.length() && Character.isLetterOrDigit(prose.charAt(i + 1)) || c == '…') {
        n++; // hashtags and ellipses; "# Heading" is Markdown
      } else if (c == '.' && prose.startsWith("...", i)) {
        n++;
        i += 2;
      }
    }
    return n;
  }

  private static int stopWords(List<String> words) {
    Set<String> found = new HashSet<>();
    for (String w : words) {
      if (ENGLISH_STOP_WORDS.contains(w)) {
        found.add(w);
        if (found.size() >= 2) {
          break;
        }
      }
    }
    return found.size();
  }

  public static boolean endsMidSentence(String[] lines) {
    String last = "";
    for (int i = lines.length - 1; i >= 0 && last.isEmpty(); i--) {
      last = lines[i].strip();
    }
    if (last.isEmpty() || isStructural(last) || Prose.isCodeLine(last)
        || last.matches("^(?:\\d+[.)]|[-*•+]|#{1,6})\\s.*") || last.startsWith("|")) {
      return false;
    }
    char end = last.charAt(last.length() - 1);
    return Character.isLetter(end) && !isUnspacedScript(end) || end == ',' || end == '-';
  }

  private static boolean isUnspacedScript(char c) {
    // Chinese, Japanese and Thai answers often end without a full stop; do not call them cut.
    return c >= 0x3040 && c <= 0x9FFF || c >= 0x0E00 && c <= 0x0E7F;
  }

  private static double ellipsisLineFraction(String[] lines) {
    int nonBlank = 0;
    int ellipsis = 0;
    for (String line : lines) {
      String l = line.strip();
      if (l.isEmpty()) {
        continue;
      }
      nonBlank++;
      if (l.endsWith("...") || l.endsWith("…")) {
        ellipsis++;
      }
    }
    return nonBlank < 3 ? 0 : (double) ellipsis / nonBlank;
  }

  // Lines that repeat by nature: punctuation-only lines (braces, rules, fences).
  private static boolean isStructural(String line) {
    for (int i = 0; i < line.length(); i++) {
      if (Character.isLetterOrDigit(line.charAt(i))) {
        return false;
      }
    }
    return true;
  }
}
