package org.treasuremarkers.core.annotate;

import com.ibm.icu.text.BreakIterator;
import com.ibm.icu.util.ULocale;
import java.util.regex.Pattern;
import org.treasuremarkers.core.example.RawExample;
import org.treasuremarkers.core.taxonomy.BucketCategory;
import org.treasuremarkers.core.taxonomy.Taxonomy;

/**
 * Length of the completion: {@code length_tokens} (words by ICU word segmentation, so Chinese, Japanese and
 * Thai are counted by dictionary words, not characters or spaces), {@code length_sentences} (ICU sentence
 * segments that are not blank), {@code length_paragraphs} (non-blank blocks between blank lines) and
 * {@code length_bucket} from the taxonomy's cut-offs.
 */
public final class LengthAnnotator implements Annotator {
  private static final Pattern BLANK_LINE = Pattern.compile("\\n[ \\t\\x0B\\f\\r]*\\n");

  // ICU break iterators are stateful; one clone per thread of a prototype built once per JVM.
  private static final BreakIterator WORD_PROTOTYPE = BreakIterator.getWordInstance(ULocale.ROOT);
  private static final BreakIterator SENTENCE_PROTOTYPE = BreakIterator.getSentenceInstance(ULocale.ROOT);
  private static final ThreadLocal<BreakIterator> WORDS =
      ThreadLocal.withInitial(() -> (BreakIterator) WORD_PROTOTYPE.clone());
  private static final ThreadLocal<BreakIterator> SENTENCES =
      ThreadLocal.withInitial(() -> (BreakIterator) SENTENCE_PROTOTYPE.clone());

  private final BucketCategory buckets;

  public LengthAnnotator(Taxonomy taxonomy) {
    this.buckets = taxonomy.has("length_bucket") ? taxonomy.category("length_bucket", BucketCategory.class) : null;
  }

  @Override
  public void annotate(RawExample example, MarkerBuilder markers) {
    String text = example.completion() == null ? "" : example.completion();
    int words = words(text);
    markers.propose("length_tokens", Integer.toString(words));
    markers.propose("length_sentences", Integer.toString(sentences(text)));
    markers.propose("length_paragraphs", Integer.toString(paragraphs(text)));
    if (buckets != null) {
      // The bucket follows the example's length_tokens, also when that was preset on the row.
      String tokens = markers.get(buckets.of());
      long amount = tokens == null ? words : Long.parseLong(tokens);
      markers.propose(buckets.name(), buckets.bucketOf(amount));
    }
  }

  /** Words: segments whose rule status is number, letter, kana or ideograph (not spaces or punctuation). */
  public static int words(String text) {
    if (text.isEmpty()) {
      return 0;
    }
    BreakIterator it = WORDS.get();
    it.setText(text);
    int count = 0;
    for (int end = it.next(); end != BreakIterator.DONE; end = it.next()) {
      if (it.getRuleStatus() >= BreakIterator.WORD_NONE_LIMIT) {
        count++;
      }
    }
    it.setText("");
    return count;
  }

  /** Sentences that hold something other than white space. */
  public static int sentences(String text) {
    if (text.isEmpty()) {
      return 0;
    }
    BreakIterator it = SENTENCES.get();
    it.setText(text);
    int count = 0;
    int start = it.first();
    for (int end = it.next(); end != BreakIterator.DONE; start = end, end = it.next()) {
      if (!isBlank(text, start, end)) {
        count++;
      }
    }
    it.setText("");
    return count;
  }

  /** Blocks separated by blank lines that hold something other than white space. */
  public static int paragraphs(String text) {
    int count = 0;
    for (String block : BLANK_LINE.split(text)) {
      if (!block.isBlank()) {
        count++;
      }
    }
    return count;
  }

  private static boolean isBlank(String text, int start, int end) {
    for (int i = start; i < end; i++) {
      if (!Character.isWhitespace(text.charAt(i)) && !Character.isSpaceChar(text.charAt(i))) {
        return false;
      }
    }
    return true;
  }
}
