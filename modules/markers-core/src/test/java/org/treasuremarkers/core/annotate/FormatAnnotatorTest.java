package org.treasuremarkers.core.annotate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.junit.jupiter.api.Test;
import org.treasuremarkers.core.example.RawExample;
import org.treasuremarkers.core.taxonomy.TaxonomyLoader;

class FormatAnnotatorTest {

  private static String format(String prompt, String completion) {
    return FormatAnnotator.formatOf(prompt, completion);
  }

  @Test
  void json() {
    assertEquals("JSON", format("Give me a user as JSON.", "{\"name\": \"Ann\", \"tags\": [\"a\", \"b\"]}"));
    assertEquals("JSON", format("", "[1, 2, 3]"));
    assertEquals("JSON", format("", "```json\n{\"a\": 1}\n```"), "one fenced block holding JSON");
    assertNull(format("", "{not json}"));
  }

  @Test
  void xml() {
    assertEquals("XML", format("", "<note><to>Ann</to><body>Hi</body></note>"));
    assertEquals("XML", format("", "<?xml version=\"1.0\"?>\n<root a=\"1\"/>"));
    assertNull(format("", "<b>bold</i>"), "not well-formed");
    assertNull(format("", "<!DOCTYPE x [<!ENTITY e SYSTEM \"file:///etc/passwd\">]><x>&e;</x>"), "DTDs are refused");
  }

  @Test
  void mcqAnswer() {
    String prompt = "Which planet is largest?\nA) Mars\nB) Jupiter\nC) Venus\nD) Earth";
    assertEquals("MCQAnswer", format(prompt, "B"));
    assertEquals("MCQAnswer", format(prompt, "(B)"));
    assertEquals("MCQAnswer", format(prompt, "B) Jupiter"));
    assertEquals("MCQAnswer", format(prompt, "The answer is B."));
    assertNull(format(prompt, "E"), "not one of the listed options");
    assertNull(format("Name a letter of the alphabet.", "B"), "no options in the prompt");
  }

  @Test
  void chainOfThought() {
    String cot = "Step 1: Janet has 16 eggs and eats 3, so 16 - 3 = 13 remain.\n"
        + "Step 2: She bakes with 4, so 13 - 4 = 9 are left.\n"
        + "Step 3: She sells them at $2 each: 9 * 2 = 18.\n"
        + "The answer is 18.";
    assertEquals("ChainOfThought", format("How much does she make?", cot));
    assertEquals("ChainOfThought", format("", "首先，我们计算 16 - 3 = 13。\n然后，13 - 4 = 9。\n所以答案是 18。"));
    assertEquals("Enumeration", format("", "1. Preheat the oven.\n2. Mix the flour and eggs.\n3. Bake for 20 minutes."),
        "steps without a final answer are a list");
  }

  @Test
  void tabular() {
    assertEquals("Tabular", format("", "| Name | Age |\n|------|-----|\n| Ann | 30 |\n| Bob | 25 |"));
    assertEquals("Tabular", format("", "name\tage\nAnn\t30\nBob\t25"));
    assertEquals("Tabular", format("", "name,age,city\nAnn,30,Oslo\nBob,25,Rome"));
  }

  @Test
  void latex() {
    assertEquals("Latex", format("", "The solution is $x = \\frac{-b \\pm \\sqrt{b^2 - 4ac}}{2a}$."));
    assertEquals("Latex", format("", "\\begin{align} a &= b \\end{align}"));
    assertNull(format("", "It costs $5 and $10 with tax."), "dollar amounts are not LaTeX");
  }

  @Test
  void enumerationAndMarkdown() {
    assertEquals("Enumeration", format("", "Fruits:\n- apple\n- pear\n- plum"));
    assertEquals("Markdown", format("", "# Title\n\nSome text with a [link](https://example.com)."));
    assertEquals("Markdown", format("", "This is **important** to know."));
  }

  @Test
  void codeIsNotMistakenForProseFormats() {
    assertNull(format("", "#!/bin/bash\n\nif [ -e $1 ]; then\n    echo 1\nelse\n    echo 0\nfi\n\n# Usage: ./exists.sh name"),
        "a comment is not a heading");
    assertNull(format("", "#!/bin/bash\ndir_path=\"$1\"\nfind \"$dir_path\" -mtime +$days_to_keep -delete"),
        "shell variables are not LaTeX");
    assertNull(format("", "^\\(?[0-9]{3}\\)?[-. ]?[0-9]{3}[-. ]?[0-9]{4}$"), "a regex is not LaTeX");
    assertEquals("Markdown", format("", "Run this:\n```bash\nls -l\n```"), "but a fenced block is Markdown");
  }

  @Test
  void plainProseHasNoFormat() {
    assertNull(format("What is the capital of France?", "The capital of France is Paris."));
    assertNull(format("", ""));
  }

  @Test
  void priorityOrderPicksOneValue() {
    assertEquals("JSON", format("", "[\"- a\", \"- b\", \"- c\"]"), "JSON before Enumeration");
    assertEquals("Tabular", format("", "## Results\n\n| a | b |\n|---|---|\n| 1 | 2 |"), "Tabular before Markdown");
  }

  @Test
  void annotatesAndKeepsPresetValues() {
    var taxonomy = TaxonomyLoader.loadDefault();
    MarkerBuilder markers = new MarkerBuilder(taxonomy);
    new FormatAnnotator().annotate(RawExample.of("t", "", "{\"a\": 1}"), markers);
    assertEquals("JSON", markers.get("format"));
    MarkerBuilder preset = new MarkerBuilder(taxonomy);
    preset.propose("format", "Markdown", org.treasuremarkers.core.example.MarkerOrigin.INPUT);
    new FormatAnnotator().annotate(RawExample.of("t", "", "{\"a\": 1}"), preset);
    assertEquals("Markdown", preset.get("format"));
  }

  @Test
  void sameResultsFromFourThreads() throws Exception {
    String[] c = {"{\"a\": 1}", "<a><b/></a>", "| a | b |\n|---|---|\n| 1 | 2 |", "- a\n- b\n- c", "plain"};
    ThreadSafety.assertSameResults(c.length * 40, i -> String.valueOf(format("", c[i % c.length])));
  }
}
