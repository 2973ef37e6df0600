package org.treasuremarkers.core.quality;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The surface patterns the quality features count: refusals and apologies (English and Chinese), Markdown
 * structure (list items, headings, bold, code fences), and a few phrases of explanation. Patterns, not
 * judgements: their weights are learned.
 */
final class AnswerPatterns {
  /** Refusals and disclaimers that stand in for an answer. */
  static final Pattern REFUSAL = Pattern.compile("(?i)\\b(?:i'?m sorry|i am sorry|i apologi[sz]e|my apologies"
      + "|i cannot|i can'?t|i can not|i'?m (?:not able|unable)|i am (?:not able|unable)|i won'?t be able"
      + "|as an ai|as a language model|ai language model|i (?:do not|don'?t) have (?:access|the ability|personal)"
      + "|it(?: is|'s) not appropriate|(?:not able to|cannot) provide|i'?m just an ai|i am just an ai"
      + "|i must decline|i'?m not sure|i am not sure)"
      + "|抱歉|对不起|我不能|我无法|作为一个?(?:AI|人工智能|语言模型)|无法提供|不能提供|很遗憾");
  static final Pattern APOLOGY = Pattern.compile("(?i)\\b(?:sorry|apologi[sz]e|apologies)\\b|抱歉|对不起");
  static final Pattern LIST_ITEM = Pattern.compile("(?m)^\\s*(?:\\d+[.)、]|[-*•+])\\s*\\S");
  static final Pattern NUMBERED_ITEM = Pattern.compile("(?m)^\\s*\\d+[.)、]\\s*\\S");
  static final Pattern FENCE = Pattern.compile("(?m)^\\s*```");
  static final Pattern HEADING = Pattern.compile("(?m)^\\s*#{1,6}\\s+\\S|^\\s*\\*\\*[^*\\n]+\\*\\*:?\\s*$");
  static final Pattern BOLD = Pattern.compile("\\*\\*[^*\\n]+\\*\\*");
  static final Pattern SENTENCE_END = Pattern.compile("[.!?。！？]+(?:\\s|$)");
  static final Pattern ENDS_CLOSED = Pattern.compile("[.!?。！？)\"\\]`*:」』]\\s*$");
  static final Pattern QUESTION_MARK = Pattern.compile("[?？]");
  static final Pattern URL = Pattern.compile("https?://");
  static final Pattern FIRST_PERSON = Pattern.compile("(?i)\\b(?:i|i'm|my|me)\\b");
  static final Pattern SECOND_PERSON = Pattern.compile("(?i)\\b(?:you|your)\\b");
  static final Pattern HEDGE = Pattern.compile("(?i)\\b(?:however|although|generally|typically|usually|may|might|depends)\\b");
  static final Pattern EXAMPLE = Pattern.compile("(?i)\\b(?:for example|for instance|e\\.g\\.|such as)|例如|比如");
  static final Pattern CONCLUSION = Pattern.compile("(?i)\\b(?:in conclusion|overall|in summary|to summarize|ultimately)\\b|总之|综上");
  static final Pattern AFFIRMING_OPENING = Pattern.compile("(?i)^(?:sure|certainly|of course|absolutely|great question"
      + "|here (?:is|are))|^(?:当然|好的)");
  /** A prompt that asks for several items. */
  static final Pattern ASKS_FOR_LIST = Pattern.compile("(?i)\\b(?:list|ways|examples|steps|tips|ideas|suggest"
      + "|name (?:some|a few|\\d+)|give me \\d+|what are)\\b|列出|列举|几个|哪些");
  /** A prompt that asks for code. */
  static final Pattern ASKS_FOR_CODE = Pattern.compile("(?i)\\b(?:code|function|script|program|python|javascript"
      + "|sql|regex|implement)\\b|代码|函数|程序");
  /** Gopher's stop words plus a few, for the share of function words in English prose. */
  static final java.util.Set<String> STOP_WORDS = java.util.Set.of("the", "be", "to", "of", "and", "that", "have",
      "with", "a", "in", "is", "it", "for", "on", "as");

  private AnswerPatterns() {}

  static int count(Pattern pattern, CharSequence text) {
    Matcher m = pattern.matcher(text);
    int n = 0;
    while (m.find()) {
      n++;
    }
    return n;
  }
}
