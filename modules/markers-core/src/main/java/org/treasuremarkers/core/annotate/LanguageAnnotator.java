package org.treasuremarkers.core.annotate;

import com.github.pemistahl.lingua.api.Language;
import com.github.pemistahl.lingua.api.LanguageDetector;
import com.github.pemistahl.lingua.api.LanguageDetectorBuilder;
import java.lang.Character.UnicodeScript;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.treasuremarkers.core.example.RawExample;
import org.treasuremarkers.core.taxonomy.CategoricalCategory;
import org.treasuremarkers.core.taxonomy.Taxonomy;

/**
 * {@code lang}: the language of the completion's prose, or of the prompt's when the completion has too little
 * prose (empty, mostly code, a number, a one-word label, a list of names). Code blocks, inline code, URLs and
 * code-like lines are removed first ({@link Prose}); text with fewer than {@value #MIN_LETTER_WEIGHT} letters
 * gets nothing.
 *
 * <p>Candidates are the taxonomy's {@code lang} values, matched to Lingua languages by name (a value Lingua
 * does not know can never be detected). Text written in a script that only one candidate uses (Hangul, Kana,
 * Thai, Greek, ...) is decided by the script alone; that is what Lingua's own rules conclude too, only
 * without its n-gram models. Latin-script prose made mostly of one language's function words
 * ({@code functionWords} of {@code conf/annotation-rules.json}) takes a second shortcut. Everything else goes to
 * Lingua, built once per JVM per candidate set, on at most the first {@value #MAX_PROSE_CHARS} characters of
 * prose (Lingua's cost grows with the text's n-grams times the candidate languages, about 0.2 us each here;
 * the accuracy tests held at this length). Short completions that Lingua finds ambiguous follow the prompt
 * (see {@link #languageOfExample}); when Lingua's best two candidates are within {@value #UNSURE_GAP}, it is
 * unsure and nothing is set.
 */
public final class LanguageAnnotator implements Annotator {
  /** Least letters (Han, Kana and Hangul count three) a text needs for a language. */
  public static final int MIN_LETTER_WEIGHT = 16;
  /** Characters of prose given to the detector; longer texts add time, not accuracy. */
  public static final int MAX_PROSE_CHARS = 250;
  /** Least share of a completion's letters that must be prose; below it the completion is code. */
  public static final double MIN_PROSE_SHARE = 0.3;
  /** Share of the weighted letters a single script needs to decide the language by script. */
  private static final double SCRIPT_SHARE = 0.6;
  /** Least share of Latin letters for the function-word shortcut. */
  private static final double LATIN_SHARE = 0.9;
  /** Most share of non-ASCII letters for the function-word shortcut. */
  private static final double ACCENTED_SHARE = 0.01;
  /** Least share of Kana among Han + Kana for Japanese (Japanese prose writes about a third in Kana). */
  private static final double KANA_SHARE = 0.1;
  /** Lingua is unsure when its runner-up comes this close (relative confidence, best = 1). */
  public static final double UNSURE_GAP = 0.06;

  /**
   * The languages Lingua knows in each script it tells apart (Lingua's alphabets, checked in lingua 1.2.2). A script
   * that only one candidate is written in decides the language, as Lingua's own rules conclude too, only without
   * its n-gram models: Hangul, Thai, Telugu, Bengali, Greek, Hebrew, ..., and Devanagari when Hindi is the one
   * candidate of it. Han alone means Chinese; Han with Kana means Japanese (handled separately).
   */
  private static final Map<UnicodeScript, List<Language>> SCRIPT_LANGUAGES = Map.ofEntries(
      Map.entry(UnicodeScript.HANGUL, List.of(Language.KOREAN)),
      Map.entry(UnicodeScript.HIRAGANA, List.of(Language.JAPANESE)),
      Map.entry(UnicodeScript.KATAKANA, List.of(Language.JAPANESE)),
      Map.entry(UnicodeScript.HAN, List.of(Language.CHINESE)),
      Map.entry(UnicodeScript.THAI, List.of(Language.THAI)),
      Map.entry(UnicodeScript.TELUGU, List.of(Language.TELUGU)),
      Map.entry(UnicodeScript.BENGALI, List.of(Language.BENGALI)),
      Map.entry(UnicodeScript.GREEK, List.of(Language.GREEK)),
      Map.entry(UnicodeScript.HEBREW, List.of(Language.HEBREW)),
      Map.entry(UnicodeScript.TAMIL, List.of(Language.TAMIL)),
      Map.entry(UnicodeScript.GUJARATI, List.of(Language.GUJARATI)),
      Map.entry(UnicodeScript.GURMUKHI, List.of(Language.PUNJABI)),
      Map.entry(UnicodeScript.GEORGIAN, List.of(Language.GEORGIAN)),
      Map.entry(UnicodeScript.ARMENIAN, List.of(Language.ARMENIAN)),
      Map.entry(UnicodeScript.DEVANAGARI, List.of(Language.HINDI, Language.MARATHI)),
      Map.entry(UnicodeScript.ARABIC, List.of(Language.ARABIC, Language.PERSIAN, Language.URDU)),
      Map.entry(UnicodeScript.CYRILLIC, List.of(Language.RUSSIAN, Language.UKRAINIAN, Language.BELARUSIAN,
          Language.BULGARIAN, Language.KAZAKH, Language.MACEDONIAN, Language.MONGOLIAN, Language.SERBIAN)));

  private static final Map<Set<Language>, LanguageDetector> DETECTORS = new ConcurrentHashMap<>();

  private final Map<Language, String> values;
  /** Per script, the candidates written in it (from {@link #SCRIPT_LANGUAGES}). */
  private final Map<UnicodeScript, Set<Language>> scriptCandidates = new EnumMap<>(UnicodeScript.class);
  /** Per script with several candidates, a detector of those alone (one per JVM, see {@link #detector}). */
  private final Map<UnicodeScript, LanguageDetector> scriptDetectors = new EnumMap<>(UnicodeScript.class);
  private final LanguageDetector detector;
  private final FunctionWords functionWords;

  /** With the packaged default rules' function words. */
  public LanguageAnnotator(Taxonomy taxonomy) {
    this(taxonomy, AnnotationRules.loadDefault());
  }

  public LanguageAnnotator(Taxonomy taxonomy, AnnotationRules rules) {
    this.functionWords = rules.functionWords();
    this.values = new EnumMap<>(Language.class);
    if (taxonomy.has("lang")) {
      for (String value : taxonomy.category("lang", CategoricalCategory.class).values()) {
        Language language = linguaLanguage(value);
        if (language != null) {
          values.put(language, value);
        }
      }
    }
    SCRIPT_LANGUAGES.forEach((script, languages) -> {
      Set<Language> candidates = EnumSet.noneOf(Language.class);
      languages.stream().filter(values::containsKey).forEach(candidates::add);
      if (!candidates.isEmpty()) {
        scriptCandidates.put(script, candidates);
      }
      if (candidates.size() > 1 && candidates.size() < values.size()) {
        scriptDetectors.put(script, detector(candidates));
      }
    });
    this.detector = values.size() < 2 ? null : detector(EnumSet.copyOf(values.keySet()));
  }

  /** The taxonomy values Lingua can detect. */
  public List<String> detectableValues() {
    return List.copyOf(values.values());
  }

  @Override
  public void annotate(RawExample example, MarkerBuilder markers) {
    if (values.isEmpty() || markers.has("lang")) {
      return;
    }
    String value = languageOfExample(example.prompt(), example.completion());
    if (value != null) {
      markers.propose("lang", value);
    }
  }

  /**
   * The language of the completion's prose, else of the prompt's; null when neither has enough prose or the
   * detector is unsure. A short completion that Lingua cannot tell apart from the prompt's language (within
   * {@value #UNSURE_GAP} relative confidence of its best guess) is taken to be in the prompt's language:
   * "Jupiter is a planet." is too short for n-grams, and short answers follow their question.
   */
  public String languageOfExample(String prompt, String completion) {
    String prose = Prose.of(completion);
    int proseWeight = Prose.letterWeight(prose);
    boolean mostlyCode = proseWeight < MIN_PROSE_SHARE * Prose.letterWeight(completion);
    if (proseWeight >= MIN_LETTER_WEIGHT && !mostlyCode && !Prose.isNameList(prose)) {
      Guess guess = guess(prose);
      if (guess == null || guess.sure()) {
        return guess == null ? null : guess.value();
      }
      Guess fromPrompt = guessProse(prompt);
      if (fromPrompt != null && fromPrompt.sure() && guess.confidence(fromPrompt.language()) >= 1 - UNSURE_GAP) {
        return fromPrompt.value();
      }
      return null;
    }
    Guess fromPrompt = guessProse(prompt);
    return fromPrompt != null && fromPrompt.sure() ? fromPrompt.value() : null;
  }

  /** The language of text that is already prose; null when unsure. */
  public String languageOfProse(String prose) {
    Guess guess = guess(prose);
    return guess != null && guess.sure() ? guess.value() : null;
  }

  private Guess guessProse(String text) {
    // only the head is read (see head()), so only that much of a long prompt's prose is made
    String prose = Prose.head(text, MAX_PROSE_CHARS + 1);
    return Prose.letterWeight(prose) >= MIN_LETTER_WEIGHT ? guess(prose) : null;
  }

  /** A guess: decided by script (sure), or Lingua's best language and its relative confidences. */
  private record Guess(String value, Language language, boolean sure, Map<Language, Double> confidences) {
    double confidence(Language l) {
      return confidences == null ? 0 : confidences.getOrDefault(l, 0.0);
    }
  }

  private Guess guess(String prose) {
    String head = head(prose);
    ScriptCounts counts = ScriptCounts.of(head);
    if (counts.total() < MIN_LETTER_WEIGHT) {
      return null;
    }
    int kana = counts.weight(UnicodeScript.HIRAGANA) + counts.weight(UnicodeScript.KATAKANA);
    int han = counts.weight(UnicodeScript.HAN);
    // Japanese prose writes a good share of its words in kana; Chinese prose may quote a Japanese name. (Before
    // this was written as kana >= share * (kana + han) alone, which holds for text with neither: every script
    // but Han then skipped the script shortcut and went to Lingua.)
    boolean japanese = kana > 0 && kana >= KANA_SHARE * (kana + han);
    if (japanese && kana + han >= SCRIPT_SHARE * counts.total()) {
      return byScript(Language.JAPANESE);
    }
    UnicodeScript top = counts.top();
    int topWeight = counts.weight(top);
    Set<Language> sharing = scriptCandidates.getOrDefault(top, Set.of());
    if (sharing.size() == 1 && topWeight >= SCRIPT_SHARE * counts.total() && !japanese) {
      return byScript(sharing.iterator().next());
    }
    if (top == UnicodeScript.LATIN && topWeight >= LATIN_SHARE * counts.total()) {
      Guess byWords = byFunctionWords(head);
      if (byWords != null) {
        return byWords;
      }
    }
    if (detector == null) {
      return null;
    }
    // Letters of one script only (Cyrillic, Arabic, ...): Lingua would keep just the candidates of that alphabet
    // (its filterLanguagesByRules), so a detector built for those alone gives the same confidences, without
    // matching every word against every alphabet first.
    LanguageDetector scoring = topWeight == counts.total() ? scriptDetectors.getOrDefault(top, detector) : detector;
    Map<Language, Double> confidences = scoring.computeLanguageConfidenceValues(head);
    Language best = null;
    double second = 0;
    for (Map.Entry<Language, Double> e : confidences.entrySet()) {
      if (best == null || e.getValue() > confidences.get(best)) {
        if (best != null) {
          second = Math.max(second, confidences.get(best));
        }
        best = e.getKey();
      } else {
        second = Math.max(second, e.getValue());
      }
    }
    if (best == null || !values.containsKey(best)) {
      return null;
    }
    return new Guess(values.get(best), best, confidences.get(best) - second >= UNSURE_GAP, confidences);
  }

  /**
   * The shortcut for Latin-script prose: when at least {@code minShare} of its words (and
   * {@code minDistinct} different ones) are in one candidate language's function-word list, and in no other
   * list as much, and the text has (almost) no letters outside ASCII (accents point to another language),
   * that language is the answer. A test checks on the shared data that Lingua agrees.
   */
  private Guess byFunctionWords(String head) {
    if (functionWords.languages().isEmpty()) {
      return null;
    }
    List<String> words = new java.util.ArrayList<>();
    int letters = 0;
    int accented = 0;
    int start = -1;
    for (int i = 0; i <= head.length(); i++) {
      char c = i < head.length() ? head.charAt(i) : ' ';
      boolean letter = Character.isLetter(c);
      if (letter) {
        letters++;
        if (c >= 0x80) {
          accented++;
        }
      }
      if (letter || c == '\'' && start >= 0) {
        if (start < 0) {
          start = i;
        }
      } else if (start >= 0) {
        words.add(head.substring(start, i).toLowerCase(Locale.ROOT));
        start = -1;
      }
    }
    if (words.size() < functionWords.minWords() || accented > ACCENTED_SHARE * letters) {
      return null;
    }
    Guess found = null;
    for (Map.Entry<String, Set<String>> e : functionWords.languages().entrySet()) {
      Language language = linguaLanguage(e.getKey());
      if (language == null || !values.containsKey(language)) {
        continue;
      }
      int hits = 0;
      Set<String> distinct = new java.util.HashSet<>();
      for (String w : words) {
        if (e.getValue().contains(w)) {
          hits++;
          distinct.add(w);
        }
      }
      if (hits >= functionWords.minShare() * words.size() && distinct.size() >= functionWords.minDistinct()) {
        if (found != null) {
          return null; // two lists fit: let the detector decide
        }
        found = new Guess(values.get(language), language, true, null);
      }
    }
    return found;
  }

  private Guess byScript(Language language) {
    return values.containsKey(language) ? new Guess(values.get(language), language, true, null) : null;
  }

  private static String head(String prose) {
    if (prose.length() <= MAX_PROSE_CHARS) {
      return prose;
    }
    int cut = MAX_PROSE_CHARS;
    while (cut > MAX_PROSE_CHARS / 2 && !Character.isWhitespace(prose.charAt(cut))) {
      cut--; // do not cut a word in half
    }
    return prose.substring(0, cut);
  }

  private static Language linguaLanguage(String value) {
    try {
      Language language = Language.valueOf(value.toUpperCase(Locale.ROOT));
      return language == Language.UNKNOWN ? null : language;
    } catch (IllegalArgumentException e) {
      return null; // not a language Lingua knows: never detected
    }
  }

  // One detector per candidate set per JVM. Lingua keeps its n-gram models in static maps and loads each on
  // first use under a lock (checked in lingua 1.2.2), so concurrent calls are safe, and a JVM that only sees
  // Latin-script text never loads the Cyrillic or Arabic models.
  private static LanguageDetector detector(Set<Language> languages) {
    return DETECTORS.computeIfAbsent(languages, set ->
        LanguageDetectorBuilder.fromLanguages(set.toArray(new Language[0])).build());
  }
}
