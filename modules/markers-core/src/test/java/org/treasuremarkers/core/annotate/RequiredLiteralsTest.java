package org.treasuremarkers.core.annotate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class RequiredLiteralsTest {

  @Test
  void readsLiteralRunsAndAlternatives() {
    assertEquals(Set.of("import java."), RequiredLiterals.of("^\\s*import java\\."));
    assertEquals(Set.of("Some(", "Ok(", "Err("), RequiredLiterals.of("\\bSome\\(|\\bOk\\(|\\bErr\\("));
    assertEquals(Set.of("console."), RequiredLiterals.of("\\bconsole\\.(log|error|warn)\\("));
    assertEquals(Set.of("vector"), RequiredLiterals.of("\\bvector\\s*<"));
    assertEquals(Set.of("ab"), RequiredLiterals.of("ab+c?"), "b+ needs one b, c? nothing");
    assertEquals(Set.of("println", "print", "format"), RequiredLiterals.of("\\b(println|print|format)!"));
  }

  @Test
  void optionalPartsAndUnknownConstructsRequireNothing() {
    assertEquals(Set.of(), RequiredLiterals.of("(abc)?\\d+"));
    assertEquals(Set.of(), RequiredLiterals.of("abc|\\w+"), "one branch needs no literal");
    assertEquals(Set.of(), RequiredLiterals.of("(?i)select"), "inline flags: give up");
    assertEquals(Set.of(), RequiredLiterals.of("\\Qa.b\\E"));
    assertEquals(Set.of(), RequiredLiterals.of("[;{]\\s*$"));
    assertEquals(Set.of("x"), RequiredLiterals.of("(?<![.\\w])x"), "look-behind is zero-width");
  }

  @Test
  void aTextWithoutTheLiteralsNeverMatches() {
    List<String> regexes = List.of("\\bfmt\\.\\w+\\(", "^\\s*def \\w+\\(.*\\)\\s*:\\s*$", "\\b(let|const|var)\\s+\\w+\\s*=",
        "#include\\s*[<\"]\\w+[>\"]", "a{2,}b", "(?:foo|bar)baz", "x(?=y)y");
    List<String> texts = List.of("fmt.Println(x)", "def f(x):", "let x = 1", "#include <stdio>", "aab", "barbaz", "xy",
        "nothing here", "fm t.P(", "de f(x):");
    for (String regex : regexes) {
      Set<String> literals = RequiredLiterals.of(regex);
      assertFalse(literals.isEmpty(), regex);
      for (String text : texts) {
        boolean anyLiteral = literals.stream().anyMatch(text::contains);
        boolean matches = Pattern.compile(regex, Pattern.MULTILINE).matcher(text).find();
        assertTrue(anyLiteral || !matches, regex + " matched " + text + " without any of " + literals);
      }
    }
  }

  @Test
  void scannerFindsEveryOccurringLiteral() {
    LiteralScanner scanner = new LiteralScanner(List.of("def ", "::", "x", "é", "日本"));
    boolean[] found = scanner.scan("std::vector x; 日本語");
    assertEquals(List.of(false, true, true, false, true), List.of(found[0], found[1], found[2], found[3], found[4]));
    assertEquals(List.of(true, false), List.of(scanner.scan("def")[0] == false, scanner.scan("def f")[0] == false));
  }
}
