package org.treasuremarkers.model.tokenizer;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Splits text into the pieces BPE may merge within: a run of letters of one script (with an optional leading
 * space), each digit on its own, a run of punctuation and symbols, or whitespace (a space before a word stays with
 * the word). Merges never cross a script boundary (Han, Hiragana and Katakana are three scripts; the prolonged sound
 * mark ー goes with kana), so a token never mixes, say, Latin and Cyrillic.
 *
 * <p>The pattern is written once, in the Oniguruma syntax Hugging Face tokenizers use for a {@code Split}
 * pre-tokenizer (with {@code "Isolated"} behaviour: matches and the gaps between them are pieces), and turned into
 * a {@link java.util.regex.Pattern} by spelling every {@code \p{X}} as {@code \p{IsX}}; the two engines agree on the
 * constructs used (classes with {@code &&}, scripts, general categories, a negative look-ahead). They may differ
 * on code points assigned after Java 17's Unicode 13.
 */
public final class PreTokenizer implements Serializable {
  private static final long serialVersionUID = 1L;

  /** Scripts whose letters form runs; letters of other scripts are pieces of one letter (and its marks). */
  static final List<String> SCRIPTS = List.of("Latin", "Greek", "Cyrillic", "Armenian", "Hebrew", "Arabic", "Syriac",
      "Thaana", "Devanagari", "Bengali", "Gurmukhi", "Gujarati", "Oriya", "Tamil", "Telugu", "Kannada", "Malayalam",
      "Sinhala", "Thai", "Lao", "Tibetan", "Myanmar", "Georgian", "Hangul", "Ethiopic", "Cherokee", "Khmer",
      "Mongolian", "Hiragana", "Katakana", "Bopomofo", "Han");
  /** Common-script characters that belong inside kana words: ー, halfwidth ｰ, the (half-width) voicing marks. */
  private static final String KANA_EXTRA = "\\x{30FC}\\x{FF70}\\x{3099}-\\x{309C}\\x{FF9E}\\x{FF9F}";
  private static final String WS = "\\x{9}-\\x{D}\\x{20}\\x{85}\\p{Z}";

  /** The default pattern, Oniguruma syntax (as written to tokenizer.json). */
  public static final String DEFAULT_PATTERN = defaultPattern();

  private final String pattern;
  private transient Pattern compiled;

  public PreTokenizer(String onigurumaPattern) {
    this.pattern = onigurumaPattern;
    this.compiled = compile(onigurumaPattern);
  }

  public static PreTokenizer standard() {
    return new PreTokenizer(DEFAULT_PATTERN);
  }

  public String pattern() {
    return pattern;
  }

  /** The pieces of {@code text}, in order; their concatenation is {@code text}. */
  public List<String> split(String text) {
    List<String> pieces = new ArrayList<>();
    split(text, pieces);
    return pieces;
  }

  void split(String text, List<String> pieces) {
    if (compiled == null) {
      compiled = compile(pattern);
    }
    Matcher m = compiled.matcher(text);
    int prev = 0;
    while (m.find()) {
      if (m.start() > prev) {
        pieces.add(text.substring(prev, m.start()));
      }
      if (m.end() > m.start()) {
        pieces.add(text.substring(m.start(), m.end()));
      }
      prev = m.end();
    }
    if (prev < text.length()) {
      pieces.add(text.substring(prev));
    }
  }

  static Pattern compile(String onig) {
    return Pattern.compile(onig.replace("\\p{", "\\p{Is"));
  }

  private static String defaultPattern() {
    List<String> alternatives = new ArrayList<>();
    for (String script : SCRIPTS) {
      String extra = script.equals("Hiragana") || script.equals("Katakana") ? KANA_EXTRA : "";
      alternatives.add("\\x{20}?[\\p{" + script + "}\\p{Inherited}" + extra + "&&[^\\p{N}]]+");
    }
    alternatives.add("\\x{20}?\\p{L}\\p{M}*");
    alternatives.add("\\p{N}");
    alternatives.add("\\x{20}?[^\\p{L}\\p{N}" + WS + "]+");
    alternatives.add("[" + WS + "]*[\\x{A}\\x{D}]+");
    alternatives.add("[" + WS + "]+(?![^" + WS + "])");
    alternatives.add("[" + WS + "]+");
    return String.join("|", alternatives);
  }
}
