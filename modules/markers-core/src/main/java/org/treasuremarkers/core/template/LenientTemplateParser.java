package org.treasuremarkers.core.template;

import java.util.ArrayList;
import java.util.List;
import java.util.SortedMap;
import java.util.TreeMap;
import org.treasuremarkers.core.taxonomy.InvalidMarkerException;
import org.treasuremarkers.core.taxonomy.Taxonomy;

/**
 * Finds the first template in model output and reads what it can. Never throws on content: a model may write
 * unknown keys, values outside the taxonomy, repeated keys or no close tag, and generation should report
 * that rather than fail. Values are accepted in any spelling the taxonomy can canonicalise ("3.5" -> "3.50").
 */
public final class LenientTemplateParser {
  private final Taxonomy taxonomy;

  LenientTemplateParser(Taxonomy taxonomy) {
    this.taxonomy = taxonomy;
  }

  public LenientParse parse(String text) {
    int start = text.indexOf(Template.OPEN);
    if (start < 0) {
      return new LenientParse(false, false, new TreeMap<>(), List.of("no " + Template.OPEN + " found"), -1, -1);
    }
    SortedMap<String, String> markers = new TreeMap<>();
    List<String> problems = new ArrayList<>();
    int pos = start + Template.OPEN.length();
    if (pos < text.length() && text.charAt(pos) == '\n') {
      pos++;
    }
    while (pos < text.length()) {
      int eol = text.indexOf('\n', pos);
      String line = (eol < 0 ? text.substring(pos) : text.substring(pos, eol)).strip();
      int next = eol < 0 ? text.length() : eol + 1;
      if (line.equals(Template.CLOSE)) {
        return new LenientParse(true, true, markers, problems, start, next);
      }
      if (line.startsWith(Template.CLOSE)) {
        // close tag followed by text on the same line: the completion starts right after it
        return new LenientParse(true, true, markers, problems, start, pos + text.substring(pos).indexOf(Template.CLOSE) + Template.CLOSE.length());
      }
      TemplateLine parsed = TemplateLine.read(line);
      if (parsed.problem() != null) {
        problems.add("line '" + abbreviate(line) + "': " + parsed.problem() + "; template ends here");
        return new LenientParse(true, false, markers, problems, start, pos);
      }
      String key = parsed.key();
      if (!taxonomy.has(key)) {
        problems.add("unknown marker <" + key + "> (value '" + abbreviate(parsed.value()) + "')");
      } else if (markers.containsKey(key)) {
        problems.add("repeated marker <" + key + ">; kept the first value '" + markers.get(key) + "'");
      } else {
        try {
          markers.put(key, taxonomy.canonical(key, parsed.value()));
        } catch (InvalidMarkerException e) {
          problems.add(e.getMessage());
        }
      }
      pos = next;
    }
    problems.add("template is not closed with " + Template.CLOSE);
    return new LenientParse(true, false, markers, problems, start, text.length());
  }

  private static String abbreviate(String s) {
    return s.length() <= 40 ? s : s.substring(0, 37) + "...";
  }
}
