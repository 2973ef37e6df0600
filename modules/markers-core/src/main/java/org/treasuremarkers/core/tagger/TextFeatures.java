package org.treasuremarkers.core.tagger;

/**
 * Turns a prompt into hashed sparse features for the linear tagger, the same way at training and at prediction
 * time. Multilingual without a tokenizer model: runs of letters and digits are words in spaced scripts; each Han,
 * Kana, Thai, Lao, Khmer or Myanmar character is a word of its own, so character bigrams carry their meaning.
 * Features are word unigrams, word bigrams, 5-character word prefixes (stems shared by "summarise", "summary")
 * and the first four words by position (instructions usually start with their verb). A few code symbols are
 * features too. Digits fold to 0. Only the first {@link #MAX_CHARS} characters are read: it bounds the cost,
 * and the instruction is almost always there.
 *
 * <p>Version 2 adds shape features that hold in every language, because the sources teach a class in one or two
 * languages and a user's data comes in others: how many numbers (word problems), lines, lines that open with a
 * speaker's label ("#Person1#:", "用户："), answer-choice lines ("A.", "(B)"), question marks, and the length.
 */
public final class TextFeatures {
  /** Characters of the text that are read. */
  public static final int MAX_CHARS = 2000;
  /** The version of this feature scheme; a model records the one it was trained with. */
  public static final int VERSION = 2;

  private static final int UNIGRAM = 0x9E3779B1;
  private static final int BIGRAM = 0x85EBCA77;
  private static final int PREFIX = 0xC2B2AE3D;
  private static final int POSITION = 0x27D4EB2F;
  private static final int SYMBOL = 0x165667B1;
  private static final int SHAPE = 0x61C88647;
  /** A speaker's label ends with a colon this close to the start of its line. */
  private static final int LABEL_WIDTH = 24;
  private static final int PREFIX_LENGTH = 5;
  private static final int POSITIONS = 4;
  private static final String SYMBOLS = "{}();=<>#:[]*/\\$|&`";

  private final int mask;

  /** @param buckets the hash space, a power of two */
  public TextFeatures(int buckets) {
    if (Integer.bitCount(buckets) != 1) {
      throw new IllegalArgumentException("buckets must be a power of two, got " + buckets);
    }
    this.mask = buckets - 1;
  }

  public int buckets() {
    return mask + 1;
  }

  /** Receives each feature's bucket; a feature may repeat. */
  public interface Sink {
    void accept(int bucket);
  }

  /** Emits the features of {@code text} into {@code sink}; null has none. */
  public void extract(String text, Sink sink) {
    if (text != null) {
      read(text, sink).emit(text.length(), sink);
    }
  }

  /** The shape levels of {@code text} (see {@link Shape#levels}); for tests. */
  int[] shape(String text) {
    return read(text, b -> { }).levels(text.length());
  }

  /** Emits the word and symbol features of {@code text}; returns the shape counts gathered on the way. */
  private Shape read(String text, Sink sink) {
    int end = Math.min(text.length(), MAX_CHARS);
    if (end < text.length() && Character.isHighSurrogate(text.charAt(end - 1))) {
      end--;
    }
    int word = 0;          // hash of the word being read, 0 = none
    int prefix = 0;        // hash of its first PREFIX_LENGTH characters
    int wordLength = 0;
    int previous = 0;      // hash of the last completed word, 0 = none
    int position = 0;      // words completed so far
    boolean digits = false; // the word being read has a digit
    Shape shape = new Shape();
    for (int i = 0; i <= end; ) {
      int at = i;
      int cp = i < end ? text.codePointAt(i) : ' ';
      i += i < end ? Character.charCount(cp) : 1;
      shape.see(cp, at);
      boolean letter = Character.isLetterOrDigit(cp);
      boolean single = letter && isSingleCharacterWord(cp);
      if (letter && !single) {
        digits |= Character.isDigit(cp);
        int c = Character.isDigit(cp) ? '0' : Character.toLowerCase(cp);
        word = mix(word == 0 ? UNIGRAM : word, c);
        wordLength++;
        if (wordLength == PREFIX_LENGTH) {
          prefix = word;
        }
        continue;
      }
      if (word != 0) {
        emitWord(word, prefix, wordLength, previous, position, sink);
        previous = word;
        position++;
        word = 0;
        prefix = 0;
        wordLength = 0;
        shape.numbers += digits ? 1 : 0;
        digits = false;
      }
      if (single) {
        int w = mix(UNIGRAM, Character.toLowerCase(cp));
        emitWord(w, 0, 1, previous, position, sink);
        previous = w;
        position++;
      } else if (cp < 128 && SYMBOLS.indexOf(cp) >= 0) {
        sink.accept(bucket(mix(SYMBOL, cp)));
      }
    }
    return shape;
  }

  /** Counts of the shape features, gathered in the same pass as the words. */
  private final class Shape {
    int numbers;
    int lines = 1;
    int labelled;
    int choices;
    int questions;
    private int lineStart;
    private int lineChars;        // non-space characters of the line so far
    private boolean lineLabelled;
    private int choiceLetter;     // the line opened with "A"-"H" or "(A": the next mark decides

    void see(int cp, int at) {
      if (cp == '\n') {
        lines++;
        lineStart = at + 1;
        lineChars = 0;
        lineLabelled = false;
        choiceLetter = 0;
        return;
      }
      if (cp == '?' || cp == '\uFF1F') {
        questions++;
      }
      if (Character.isWhitespace(cp)) {
        return;
      }
      lineChars++;
      if ((cp == ':' || cp == '\uFF1A') && !lineLabelled && lineChars > 1 && at - lineStart <= LABEL_WIDTH) {
        lineLabelled = true;
        labelled++;
      }
      if (lineChars == 1 || (lineChars == 2 && choiceLetter == '(')) {
        choiceLetter = (cp >= 'A' && cp <= 'H') || cp == '(' ? cp : 0;
      } else if (lineChars == 2 || (lineChars == 3 && choiceLetter != 0)) {
        if (choiceLetter >= 'A' && ".)\uFF0E\u3001:\uFF1A".indexOf(cp) >= 0) {
          choices++;
        }
        choiceLetter = 0;
      }
    }

    /** numbers, lines, labelled lines, choice lines, question marks and length, each as a coarse level. */
    int[] levels(int length) {
      return new int[] {level(numbers, 1, 2, 3, 5, 9), level(lines, 2, 3, 6, 16), level(labelled, 1, 2, 4),
          level(choices, 1, 2, 4), level(questions, 1, 2, 4), level(length, 80, 200, 500, 1500)};
    }

    void emit(int length, Sink sink) {
      int[] levels = levels(length);
      for (int f = 0; f < levels.length; f++) {
        sink.accept(bucket(mix(SHAPE, (f + 1) << 8 | levels[f])));
      }
    }
  }

  /** How many of the ascending bounds {@code n} reaches. */
  private static int level(int n, int... bounds) {
    int level = 0;
    while (level < bounds.length && n >= bounds[level]) {
      level++;
    }
    return level;
  }

  private void emitWord(int word, int prefix, int length, int previous, int position, Sink sink) {
    sink.accept(bucket(word));
    if (previous != 0) {
      sink.accept(bucket(mix(mix(BIGRAM, previous), word)));
    }
    if (prefix != 0 && length > PREFIX_LENGTH) {
      sink.accept(bucket(mix(PREFIX, prefix)));
    }
    if (position < POSITIONS) {
      sink.accept(bucket(mix(mix(POSITION, position), word)));
    }
  }

  /** Scripts written without spaces between words. */
  private static boolean isSingleCharacterWord(int cp) {
    if (cp < 0x0E00) {
      return false;
    }
    Character.UnicodeScript script = Character.UnicodeScript.of(cp);
    return switch (script) {
      case HAN, HIRAGANA, KATAKANA, THAI, LAO, KHMER, MYANMAR -> true;
      default -> false;
    };
  }

  private int bucket(int hash) {
    return fmix(hash) & mask;
  }

  private static int mix(int h, int value) {
    h ^= value;
    return h * 0x01000193;
  }

  /** MurmurHash3's finaliser: spreads FNV's low bits over the bucket index. */
  private static int fmix(int h) {
    h ^= h >>> 16;
    h *= 0x85EBCA6B;
    h ^= h >>> 13;
    h *= 0xC2B2AE35;
    h ^= h >>> 16;
    return h;
  }
}
