package org.treasuremarkers.core.annotate;

import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * What identifies one programming language ({@code code_type} value) in {@code conf/annotation-rules.json}:
 * the info strings of fenced code blocks, the interpreters of shebang lines, and weighted syntax signatures.
 */
public record CodeTypeProfile(String codeType, Set<String> fences, Set<String> shebangs, List<Signature> signatures) {

  /** A pattern that adds {@code weight} to the language's score once when it occurs in the code. */
  public record Signature(Pattern pattern, double weight) {}

  public CodeTypeProfile {
    fences = Set.copyOf(fences);
    shebangs = Set.copyOf(shebangs);
    signatures = List.copyOf(signatures);
  }
}
