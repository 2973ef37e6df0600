package org.treasuremarkers.core.annotate;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.StringReader;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.xml.parsers.ParserConfigurationException;
import javax.xml.parsers.SAXParser;
import javax.xml.parsers.SAXParserFactory;
import org.treasuremarkers.core.example.RawExample;
import org.xml.sax.InputSource;
import org.xml.sax.SAXException;
import org.xml.sax.helpers.DefaultHandler;

/**
 * {@code format}: the structure of the completion. One value per example; the first detector that fires, in
 * this priority order, wins (whole-answer formats first, the most generic last):
 * <ol>
 *   <li>JSON: the completion (or its only fenced block) parses as a JSON object or array;</li>
 *   <li>XML: the completion is one well-formed XML element (a parser decides; DTDs refused);</li>
 *   <li>MCQAnswer: the answer is an option letter ("B", "(B)", "B) Paris", "Answer: B") and the prompt lists
 *       at least two lettered options;</li>
 *   <li>ChainOfThought (before Tabular: a worked answer may hold a small table): at least two reasoning steps ("Step n", "First,", "Then,", 首先 ... lines, or worked
 *       equations) and a final answer in the last two lines ("the answer is", "Therefore", "####", ...);</li>
 *   <li>Tabular: a Markdown/pipe table with a header separator, or three or more lines with the same number
 *       of tabs (or of commas, at least two) and nothing else;</li>
 *   <li>Markdown, when the completion has a fenced code block (Markdown syntax, whatever else it holds);</li>
 *   <li>Latex: {@code \frac}, {@code \begin{..}}, {@code $$..$$}, {@code \[..\]}, or $..$ holding a command
 *       or a sub/superscript;</li>
 *   <li>Enumeration: three or more numbered or bulleted items;</li>
 *   <li>Markdown: a heading, a link or bold text.</li>
 * </ol>
 * ChainOfThought, Latex, Enumeration and Markdown headings are looked for in the prose ({@link Prose}); none of
 * ChainOfThought, Latex, Enumeration and Markdown (but for fences) is looked for in a completion that is
 * mostly code: a shell script's {@code $1} is not LaTeX, a Python comment is not a heading.
 * Nothing fires, nothing is set: plain prose has no format marker.
 */
public final class FormatAnnotator implements Annotator {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final SAXParserFactory XML = xmlFactory();

  // "B", "(B)", "B." / "Answer: B", "The correct option is (C) ..." / "B) Paris"
  private static final Pattern BARE_OPTION = Pattern.compile("[(\\[]?([A-E])[)\\].:]?");
  private static final Pattern LABELLED_OPTION = Pattern.compile(
      "(?i:(?:the\\s+)?(?:correct\\s+)?(?:answer|option|choice)(?:\\s+is)?)\\s*[:：]?\\s*[(\\[]?([A-E])\\b");
  private static final Pattern OPTION_WITH_TEXT = Pattern.compile("[(\\[]?([A-E])[)\\].:]\\s+\\S.{0,80}");
  private static final Pattern PROMPT_OPTION = Pattern.compile("(?m)(?:^|\\s)[(\\[]?([A-E])[).\\]:]\\s+\\S");
  // Explicit reasoning steps; numbered lines alone are a list, not reasoning.
  private static final Pattern STEP_LINE = Pattern.compile(
      "(?im)^\\s*(?:\\d+[.)]\\s*)?(?:step\\s*\\d+|first(?:ly)?,|second(?:ly)?,|next,|then,|finally,|第[一二三四五六七八九十\\d]+步|首先|然后|接着|最后)");
  private static final Pattern WORKED_EQUATION = Pattern.compile("\\d\\s*[-+*/×x÷]\\s*\\d+(?:\\.\\d+)?\\s*=\\s*\\$?\\d");
  private static final Pattern FINAL_ANSWER = Pattern.compile(
      "(?i)(?:the\\s+(?:final\\s+)?answer\\s+is|final\\s+answer|answer\\s*[:：]|therefore|thus|hence|so\\s+the|in\\s+total|####|答案是|答案[:：]|所以|因此|综上)");
  private static final Pattern TABLE_SEPARATOR = Pattern.compile("(?m)^\\s*\\|?\\s*:?-{3,}:?\\s*(?:\\|\\s*:?-{3,}:?\\s*)+\\|?\\s*$");
  private static final Pattern LATEX = Pattern.compile(
      "\\\\(?:frac|dfrac|sqrt|begin\\{|sum_|int_|cdot|times|alpha|beta|gamma|theta|pi\\b|leq|geq|neq|infty|left[(\\[|]|mathbb|mathrm|text\\{)"
          + "|\\$\\$[^$]+\\$\\$"
          // \\[..\\], \\(..\\) and $..$ holding a command or a sub/superscript such as x^2, a_i, x_{10}
          // (not a regex's \\( or a $shell_variable)
          + "|\\\\[\\[(][^$;\\n]{0,80}?(?:\\\\[a-zA-Z]{2,}|\\^(?:\\{|\\w)|_(?:\\{|\\d|[a-zA-Z]\\b))[^$;\\n]{0,80}?\\\\[\\])]"
          + "|\\$[^$;\\n]{0,80}?(?:\\\\[a-zA-Z]{2,}|\\^(?:\\{|\\w)|_(?:\\{|\\d|[a-zA-Z]\\b))[^$;\\n]{0,80}?\\$");
  private static final Pattern LIST_ITEM = Pattern.compile("(?m)^\\s*(?:\\d+[.)]|[-*•+])\\s+\\S");
  private static final Pattern MARKDOWN_INLINE = Pattern.compile(
      "\\[[^\\]\\n]+\\]\\([^)\\s]+\\)|\\*\\*[^*\\n]+\\*\\*|__[^_\\n]+__");
  private static final Pattern MARKDOWN = Pattern.compile("(?m)^#{1,6}\\s+\\S|" + MARKDOWN_INLINE.pattern());

  @Override
  public void annotate(RawExample example, MarkerBuilder markers) {
    if (markers.has("format") || !markers.taxonomy().has("format")) {
      return;
    }
    String format = formatOf(example.prompt() == null ? "" : example.prompt(),
        example.completion() == null ? "" : example.completion());
    if (format != null) {
      markers.propose("format", format);
    }
  }

  /** The format value of a completion, or null for plain text. */
  public static String formatOf(String prompt, String completion) {
    String c = completion.strip();
    if (c.isEmpty()) {
      return null;
    }
    String whole = onlyFencedBlock(c);
    if (isJson(whole)) {
      return "JSON";
    }
    if (isXml(whole)) {
      return "XML";
    }
    if (isMcqAnswer(prompt, c)) {
      return "MCQAnswer";
    }
    // ChainOfThought, Latex, Enumeration and Markdown describe prose: not looked for in a completion that is
    // mostly code (a shell script's $1 is not LaTeX, a Python comment is not a heading).
    String prose = Prose.of(c);
    boolean mostlyCode = Prose.letterWeight(prose) < LanguageAnnotator.MIN_PROSE_SHARE * Prose.letterWeight(c);
    if (!mostlyCode && isChainOfThought(prose.strip())) {
      return "ChainOfThought";
    }
    if (isTable(c)) {
      return "Tabular";
    }
    if (FencedCodeBlocks.mayContain(c) && !FencedCodeBlocks.of(c).isEmpty()) {
      return "Markdown"; // fenced blocks are Markdown syntax, whatever else the answer holds
    }
    if (mostlyCode) {
      return null;
    }
    if ((prose.indexOf('\\') >= 0 || prose.indexOf('$') >= 0) && LATEX.matcher(prose).find()) {
      return "Latex";
    }
    if (countMatches(LIST_ITEM, prose, 3) >= 3) {
      return "Enumeration";
    }
    // A '#' line is a heading only when no line of the answer is code (else it is a comment).
    boolean hasCodeLines = prose.lines().count() < FencedCodeBlocks.remove(c).lines().count();
    if ((hasCodeLines ? MARKDOWN_INLINE : MARKDOWN).matcher(prose).find()) {
      return "Markdown";
    }
    return null;
  }

  private static String onlyFencedBlock(String c) {
    if (!c.startsWith("```") && !c.startsWith("~~~")) {
      return c;
    }
    List<FencedCodeBlocks.Block> blocks = FencedCodeBlocks.of(c);
    return blocks.size() == 1 && blocks.get(0).end() >= c.length() - 1 ? blocks.get(0).code().strip() : c;
  }

  static boolean isJson(String c) {
    char first = c.charAt(0);
    char last = c.charAt(c.length() - 1);
    if (!(first == '{' && last == '}' || first == '[' && last == ']')) {
      return false;
    }
    try {
      JsonNode node = JSON.readTree(c);
      return node != null && (node.isObject() || node.isArray()) && !(node.isArray() && node.isEmpty());
    } catch (JsonProcessingException e) {
      return false;
    }
  }

  static boolean isXml(String c) {
    if (c.length() < 7 || c.charAt(0) != '<' || c.charAt(c.length() - 1) != '>'
        || !(Character.isLetter(c.charAt(1)) || c.startsWith("<?xml"))) {
      return false;
    }
    try {
      SAXParser parser = XML.newSAXParser();
      parser.parse(new InputSource(new StringReader(c)), new DefaultHandler());
      return true;
    } catch (SAXException | ParserConfigurationException | java.io.IOException e) {
      return false;
    }
  }

  static boolean isMcqAnswer(String prompt, String c) {
    if (c.length() > 100 || c.indexOf('\n') >= 0) {
      return false;
    }
    Matcher answer = BARE_OPTION.matcher(c);
    if (!answer.matches()) {
      answer = LABELLED_OPTION.matcher(c);
      if (!answer.lookingAt()) {
        answer = OPTION_WITH_TEXT.matcher(c);
        if (!answer.matches()) {
          return false;
        }
      }
    }
    // The letter must name an option that the prompt lists, next to at least one other.
    String letter = answer.group(1).toUpperCase(java.util.Locale.ROOT);
    Matcher options = PROMPT_OPTION.matcher(prompt);
    int seen = 0;
    boolean listed = false;
    while (options.find()) {
      seen++;
      listed |= options.group(1).equals(letter);
    }
    return listed && seen >= 2;
  }

  static boolean isChainOfThought(String c) {
    if (c.length() < 30) {
      return false;
    }
    if (countMatches(STEP_LINE, c, 2) < 2 && countMatches(WORKED_EQUATION, c, 2) < 2) {
      return false;
    }
    return FINAL_ANSWER.matcher(lastLines(c, 2)).find();
  }

  // The last n non-blank lines.
  private static String lastLines(String c, int n) {
    int end = c.length();
    int found = 0;
    int pos = end;
    while (pos > 0 && found < n) {
      int nl = c.lastIndexOf('\n', pos - 1);
      if (!c.substring(nl + 1, pos).isBlank()) {
        found++;
      }
      pos = Math.max(nl, 0);
    }
    return c.substring(pos, end);
  }

  static boolean isTable(String c) {
    if (c.indexOf('|') >= 0 && TABLE_SEPARATOR.matcher(c).find()) {
      return true;
    }
    String[] lines = c.split("\n");
    if (lines.length < 3) {
      return false;
    }
    return sameCount(lines, '\t', 1) || sameCount(lines, ',', 2) && c.indexOf(". ") < 0;
  }

  // Every line has the same number (at least min) of the separator.
  private static boolean sameCount(String[] lines, char separator, int min) {
    int expected = -1;
    for (String line : lines) {
      if (line.isBlank()) {
        return false;
      }
      int n = 0;
      for (int i = 0; i < line.length(); i++) {
        if (line.charAt(i) == separator) {
          n++;
        }
      }
      if (expected < 0) {
        expected = n;
      }
      if (n != expected || n < min) {
        return false;
      }
    }
    return true;
  }

  private static int countMatches(Pattern p, String text, int enough) {
    Matcher m = p.matcher(text);
    int n = 0;
    while (n < enough && m.find()) {
      n++;
    }
    return n;
  }

  private static SAXParserFactory xmlFactory() {
    SAXParserFactory factory = SAXParserFactory.newInstance();
    try {
      // No DTDs, no external entities: the text is untrusted data.
      factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
      factory.setFeature("http://xml.org/sax/features/external-general-entities", false);
      factory.setFeature("http://xml.org/sax/features/external-parameter-entities", false);
    } catch (ParserConfigurationException | SAXException e) {
      throw new IllegalStateException("the JDK's SAX parser must support these standard features", e);
    }
    return factory;
  }
}
