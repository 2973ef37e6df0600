package org.treasuremarkers.core.template;

import java.util.List;
import java.util.SortedMap;

/**
 * What the lenient parser found in generated text.
 *
 * @param found whether a template start was found at all
 * @param closed whether the template was closed with its end tag
 * @param markers the valid markers, canonicalised
 * @param problems unknown keys, values outside the taxonomy, malformed lines, in text order
 * @param start offset of the template's open tag, or -1
 * @param end offset just after the template (after its close tag and one newline), or -1
 */
public record LenientParse(boolean found, boolean closed, SortedMap<String, String> markers,
    List<String> problems, int start, int end) {}
