package org.treasuremarkers.core.template;

import java.util.SortedMap;
import java.util.TreeMap;
import org.treasuremarkers.core.taxonomy.InvalidMarkerException;
import org.treasuremarkers.core.taxonomy.Taxonomy;

/**
 * Parses a stored template exactly as {@link Template#render} writes it: open tag, marker lines in strictly
 * increasing key order with canonical values, close tag, nothing else. Anything else is an error with its
 * position, because stored data that does not round-trip is a bug upstream.
 */
public final class StrictTemplateParser {
  private final Taxonomy taxonomy;

  StrictTemplateParser(Taxonomy taxonomy) {
    this.taxonomy = taxonomy;
  }

  public SortedMap<String, String> parse(String text) {
    if (!text.startsWith(Template.OPEN + "\n")) {
      throw new TemplateSyntaxException(text, 0, "expected '" + Template.OPEN + "' followed by a newline");
    }
    SortedMap<String, String> markers = new TreeMap<>();
    int pos = Template.OPEN.length() + 1;
    String previousKey = null;
    while (true) {
      int eol = text.indexOf('\n', pos);
      String line = eol < 0 ? text.substring(pos) : text.substring(pos, eol);
      if (line.equals(Template.CLOSE)) {
        if (eol >= 0) {
          throw new TemplateSyntaxException(text, eol, "unexpected text after '" + Template.CLOSE + "'");
        }
        return markers;
      }
      if (eol < 0) {
        throw new TemplateSyntaxException(text, pos, "expected a marker line or '" + Template.CLOSE + "'");
      }
      TemplateLine parsed = TemplateLine.read(line);
      if (parsed.problem() != null) {
        throw new TemplateSyntaxException(text, pos, parsed.problem());
      }
      String key = parsed.key();
      if (previousKey != null && key.compareTo(previousKey) <= 0) {
        throw new TemplateSyntaxException(text, pos, key.equals(previousKey)
            ? "duplicate marker <" + key + ">"
            : "marker <" + key + "> is out of order; keys must be in alphabetical order");
      }
      try {
        String canonical = taxonomy.canonical(key, parsed.value());
        if (!canonical.equals(parsed.value())) {
          throw new TemplateSyntaxException(text, pos + key.length() + 2,
              "value '" + parsed.value() + "' of <" + key + "> is not canonical; expected '" + canonical + "'");
        }
      } catch (InvalidMarkerException e) {
        throw new TemplateSyntaxException(text, pos + 1, e.getMessage());
      }
      markers.put(key, parsed.value());
      previousKey = key;
      pos = eol + 1;
    }
  }
}
