package org.treasuremarkers.core.quality;

import static org.treasuremarkers.core.quality.AnswerPatterns.count;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The features of an answer to a prompt that the learned quality score weighs, in the fixed order of
 * {@link #NAMES} (a model file names them, and a model for another list is refused). Counts enter as
 * log(1 + n), shares in [0, 1], flags as 0/1. Groups:
 * <ul>
 *   <li>length: log words, sentences, paragraphs (blank-line separated), non-blank lines, characters, distinct
 *       words; words per sentence, mean word length, fewer than 5 words;</li>
 *   <li>structure: list items, a list of 2+ items, numbered items, code blocks, headings, bold spans, lines ending
 *       in a colon, and whether a list or code comes when the prompt asks for one (or a list when it does not);</li>
 *   <li>refusal: a refusal or AI disclaimer in the first {@value #OPENING_CHARS} characters, all refusals,
 *       an apology (English and Chinese patterns, {@link AnswerPatterns});</li>
 *   <li>echo: share of the prompt's distinct words the answer uses, share of the answer's words found in the
 *       prompt, share of the answer's word 4-grams copied from the prompt, an exact copy of the prompt;</li>
 *   <li>repetition: words in a repeated 3-gram and 5-gram, repeated lines, MATTR over 50 words (type-token ratio
 *       when shorter), type-token ratio;</li>
 *   <li>surface: closed ending, question marks, shares of digits, upper case, non-ASCII, URLs, English function
 *       words, first and second person, hedges, "for example", a concluding phrase, an affirming opening
 *       ("Sure", "Here are"), a cut-off ending, and the heuristic score of {@link HeuristicQuality} itself.</li>
 * </ul>
 * Words are those of {@link HeuristicQuality#words} (a Han, Kana or Thai character is a word). No n-gram
 * identity features: on held-out generators and instructions they lowered agreement (models/quality/v1/README.md).
 * Pure function of its inputs; thread-safe.
 */
public final class QualityFeatures {
  static final int OPENING_CHARS = 400;
  private static final Pattern PARAGRAPH_BREAK = Pattern.compile("\\n\\s*\\n");

  public static final List<String> NAMES = List.of(
      "log_words", "log_sentences", "log_paragraphs", "log_lines", "log_chars", "log_distinct_words",
      "log_words_per_sentence", "mean_word_length", "short_answer",
      "list_items", "has_list", "numbered_items", "code_blocks", "headings", "bold", "colon_lines",
      "list_when_asked", "list_unasked", "code_when_asked", "log_words_if_code_asked",
      "refusal_opening", "refusals", "apology",
      "prompt_coverage", "answer_words_in_prompt", "echoed_4grams", "exact_echo",
      "repeated_3grams", "repeated_5grams", "repeated_lines", "mattr", "type_token_ratio",
      "ends_closed", "question_marks", "digit_share", "upper_share", "non_ascii_share", "urls",
      "function_word_share", "first_person", "second_person", "hedges", "examples", "conclusion",
      "affirming_opening", "cut_off", "heuristic");

  private QualityFeatures() {}

  /** The features of {@code answer} (stripped) as an answer to {@code prompt}, in the order of {@link #NAMES}. */
  public static double[] of(String prompt, String answer) {
    String a = answer == null ? "" : answer.strip();
    String p = prompt == null ? "" : prompt.strip();
    List<String> words = HeuristicQuality.words(a);
    List<String> promptWords = HeuristicQuality.words(p);
    int n = words.size();
    String[] lines = a.split("\n");
    int nonBlankLines = 0;
    int colonLines = 0;
    for (String line : lines) {
      String l = line.strip();
      if (!l.isEmpty()) {
        nonBlankLines++;
        if (l.endsWith(":") || l.endsWith("：")) {
          colonLines++;
        }
      }
    }
    int paragraphs = 0;
    for (String para : PARAGRAPH_BREAK.split(a)) {
      if (!para.isBlank()) {
        paragraphs++;
      }
    }
    int sentences = count(AnswerPatterns.SENTENCE_END, a) + (a.isEmpty() || endsSentence(a) ? 0 : 1);
    Set<String> distinct = new HashSet<>(words);
    Set<String> promptSet = new HashSet<>(promptWords);
    int listItems = count(AnswerPatterns.LIST_ITEM, a);
    double hasList = listItems >= 2 ? 1 : 0;
    double asksList = AnswerPatterns.ASKS_FOR_LIST.matcher(p).find() ? 1 : 0;
    double asksCode = AnswerPatterns.ASKS_FOR_CODE.matcher(p).find() ? 1 : 0;
    int codeBlocks = count(AnswerPatterns.FENCE, a) / 2;
    String opening = a.substring(0, Math.min(a.length(), OPENING_CHARS));
    int inPrompt = 0;
    int wordChars = 0;
    for (String w : words) {
      if (promptSet.contains(w)) {
        inPrompt++;
      }
      wordChars += w.length();
    }
    int covered = 0;
    for (String w : promptSet) {
      if (distinct.contains(w)) {
        covered++;
      }
    }
    int digits = 0;
    int upper = 0;
    int nonAscii = 0;
    for (int i = 0; i < a.length(); i++) {
      char c = a.charAt(i);
      digits += Character.isDigit(c) ? 1 : 0;
      upper += Character.isUpperCase(c) ? 1 : 0;
      nonAscii += c > 127 ? 1 : 0;
    }
    int functionWords = 0;
    for (String w : words) {
      if (AnswerPatterns.STOP_WORDS.contains(w)) {
        functionWords++;
      }
    }
    String lastLine = lastNonBlank(lines);
    boolean cutOff = n >= 15 && !lastLine.isEmpty() && !AnswerPatterns.LIST_ITEM.matcher(lastLine).find()
        && (Character.isLetter(lastLine.charAt(lastLine.length() - 1)) && lastLine.charAt(lastLine.length() - 1) < 0x250
        || lastLine.endsWith(",") || lastLine.endsWith("-"));
    double[] f = {
        log1p(n), log1p(sentences), log1p(paragraphs), log1p(nonBlankLines), log1p(a.length()), log1p(distinct.size()),
        log1p((double) n / Math.max(1, sentences)), n == 0 ? 0 : (double) wordChars / n, n < 5 ? 1 : 0,
        log1p(listItems), hasList, log1p(count(AnswerPatterns.NUMBERED_ITEM, a)), log1p(codeBlocks),
        log1p(count(AnswerPatterns.HEADING, a)), log1p(count(AnswerPatterns.BOLD, a)), log1p(colonLines),
        asksList * hasList, (1 - asksList) * hasList, asksCode * (codeBlocks > 0 ? 1 : 0), asksCode * log1p(n),
        AnswerPatterns.REFUSAL.matcher(opening).find() ? 1 : 0, log1p(count(AnswerPatterns.REFUSAL, a)),
        AnswerPatterns.APOLOGY.matcher(a).find() ? 1 : 0,
        promptSet.isEmpty() ? 0 : (double) covered / promptSet.size(), n == 0 ? 0 : (double) inPrompt / n,
        copiedGramShare(words, promptWords, 4), isExactEcho(a, p) ? 1 : 0,
        HeuristicQuality.duplicateNgramFraction(words, 3), HeuristicQuality.duplicateNgramFraction(words, 5),
        HeuristicQuality.duplicateLineFraction(lines),
        n >= 50 ? HeuristicQuality.movingTypeTokenRatio(words, 50) : typeTokenRatio(distinct.size(), n),
        typeTokenRatio(distinct.size(), n),
        AnswerPatterns.ENDS_CLOSED.matcher(a).find() ? 1 : 0, log1p(count(AnswerPatterns.QUESTION_MARK, a)),
        share(digits, a.length()), share(upper, a.length()), share(nonAscii, a.length()),
        log1p(count(AnswerPatterns.URL, a)), share(functionWords, n),
        log1p(count(AnswerPatterns.FIRST_PERSON, a)), log1p(count(AnswerPatterns.SECOND_PERSON, a)),
        log1p(count(AnswerPatterns.HEDGE, a)), log1p(count(AnswerPatterns.EXAMPLE, a)),
        AnswerPatterns.CONCLUSION.matcher(a).find() ? 1 : 0, AnswerPatterns.AFFIRMING_OPENING.matcher(a).find() ? 1 : 0,
        cutOff ? 1 : 0, HeuristicQuality.score(p, a, null)};
    if (f.length != NAMES.size()) {
      throw new IllegalStateException(f.length + " features for " + NAMES.size() + " names");
    }
    return f;
  }

  private static boolean endsSentence(String a) {
    char c = a.charAt(a.length() - 1);
    return ".!?。！？".indexOf(c) >= 0;
  }

  private static boolean isExactEcho(String a, String p) {
    return !a.isEmpty() && (a.equals(p) || a.length() >= HeuristicQuality.ECHO_MIN_CHARS && p.contains(a));
  }

  // Share of the answer's distinct word n-grams that occur in the prompt.
  private static double copiedGramShare(List<String> answer, List<String> prompt, int n) {
    Set<String> promptGrams = grams(prompt, n);
    Set<String> answerGrams = grams(answer, n);
    if (answerGrams.isEmpty()) {
      return 0;
    }
    int copied = 0;
    for (String g : answerGrams) {
      if (promptGrams.contains(g)) {
        copied++;
      }
    }
    return (double) copied / answerGrams.size();
  }

  private static Set<String> grams(List<String> words, int n) {
    Set<String> out = new HashSet<>();
    for (int i = 0; i + n <= words.size(); i++) {
      out.add(String.join(" ", words.subList(i, i + n)));
    }
    return out;
  }

  private static String lastNonBlank(String[] lines) {
    for (int i = lines.length - 1; i >= 0; i--) {
      if (!lines[i].isBlank()) {
        return lines[i].strip();
      }
    }
    return "";
  }

  private static double typeTokenRatio(int distinct, int n) {
    return n == 0 ? 0 : (double) distinct / n;
  }

  private static double share(int part, int whole) {
    return whole == 0 ? 0 : (double) part / whole;
  }

  private static double log1p(double x) {
    return Math.log1p(x);
  }
}
