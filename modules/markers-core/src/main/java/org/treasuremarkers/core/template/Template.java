package org.treasuremarkers.core.template;

import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import org.treasuremarkers.core.taxonomy.Taxonomy;

/**
 * Renders a marker set as the paper's template:
 *
 * <pre>
 * &lt;TEMPLATE&gt;
 * &lt;domain&gt;Legal&lt;/domain&gt;
 * &lt;lang&gt;Spanish&lt;/lang&gt;
 * &lt;/TEMPLATE&gt;
 * </pre>
 *
 * one {@code <key>value</key>} per line in alphabetical key order, values in the taxonomy's canonical form.
 * No trailing newline. The layout is written down in {@code datasets-schema/training-example.schema.json}.
 */
public final class Template {
  public static final String OPEN = "<TEMPLATE>";
  public static final String CLOSE = "</TEMPLATE>";

  private final Taxonomy taxonomy;

  public Template(Taxonomy taxonomy) {
    this.taxonomy = taxonomy;
  }

  public Taxonomy taxonomy() {
    return taxonomy;
  }

  /** Renders {@code markers}; every key and value is checked against the taxonomy and canonicalised. */
  public String render(Map<String, String> markers) {
    SortedMap<String, String> sorted = new TreeMap<>(markers);
    StringBuilder out = new StringBuilder(32 + 24 * sorted.size());
    out.append(OPEN).append('\n');
    sorted.forEach((key, value) -> out.append('<').append(key).append('>')
        .append(taxonomy.canonical(key, value))
        .append("</").append(key).append(">\n"));
    return out.append(CLOSE).toString();
  }

  /** Strict parser for stored data: the text must be exactly one valid template. */
  public StrictTemplateParser strict() {
    return new StrictTemplateParser(taxonomy);
  }

  /** Lenient parser for generated text: finds the first template, reports problems instead of throwing. */
  public LenientTemplateParser lenient() {
    return new LenientTemplateParser(taxonomy);
  }
}
