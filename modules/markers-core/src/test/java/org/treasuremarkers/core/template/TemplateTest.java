package org.treasuremarkers.core.template;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.SortedMap;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.treasuremarkers.core.taxonomy.BucketCategory;
import org.treasuremarkers.core.taxonomy.Category;
import org.treasuremarkers.core.taxonomy.DecimalCategory;
import org.treasuremarkers.core.taxonomy.IntegerCategory;
import org.treasuremarkers.core.taxonomy.Taxonomy;
import org.treasuremarkers.core.taxonomy.TaxonomyLoader;

class TemplateTest {
  private final Taxonomy taxonomy = TaxonomyLoader.loadDefault();
  private final Template template = new Template(taxonomy);

  @Test
  void rendersThePapersLayoutInAlphabeticalOrder() {
    String text = template.render(Map.of("task", "CreativeWriting", "lang", "Spanish", "domain", "Legal"));
    assertEquals("<TEMPLATE>\n<domain>Legal</domain>\n<lang>Spanish</lang>\n<task>CreativeWriting</task>\n</TEMPLATE>", text);
  }

  @Test
  void numbersAreRenderedInCanonicalForm() {
    String text = template.render(Map.of("quality", "3.5", "length_tokens", "0042"));
    assertEquals("<TEMPLATE>\n<length_tokens>42</length_tokens>\n<quality>3.50</quality>\n</TEMPLATE>", text);
  }

  @Test
  void roundTripsRandomValidMarkerSets() {
    Random random = new Random(20250617);
    List<String> names = new ArrayList<>(taxonomy.names());
    for (int trial = 0; trial < 2_000; trial++) {
      SortedMap<String, String> markers = new TreeMap<>();
      for (String name : names) {
        if (random.nextBoolean()) {
          markers.put(name, randomValue(taxonomy.category(name), random));
        }
      }
      String rendered = template.render(markers);
      assertEquals(markers, template.strict().parse(rendered), rendered);
      assertEquals(markers, template.lenient().parse("prefix text " + rendered + "\ncompletion").markers());
    }
  }

  @Test
  void emptyMarkerSetRoundTrips() {
    assertEquals(Map.of(), template.strict().parse(template.render(Map.of())));
  }

  @Test
  void strictParserNamesThePosition() {
    TemplateSyntaxException e = assertThrows(TemplateSyntaxException.class,
        () -> template.strict().parse("<TEMPLATE>\n<lang>Spanish</lang>\n<domain>Legal</domain>\n</TEMPLATE>"));
    assertTrue(e.getMessage().contains("out of order") && e.getMessage().contains("line 3 column 1"), e.getMessage());

    e = assertThrows(TemplateSyntaxException.class,
        () -> template.strict().parse("<TEMPLATE>\n<lang>Klingon</lang>\n</TEMPLATE>"));
    assertTrue(e.getMessage().contains("Klingon") && e.getMessage().contains("line 2"), e.getMessage());

    e = assertThrows(TemplateSyntaxException.class,
        () -> template.strict().parse("<TEMPLATE>\n<quality>3.5</quality>\n</TEMPLATE>"));
    assertTrue(e.getMessage().contains("not canonical"), e.getMessage());

    assertThrows(TemplateSyntaxException.class, () -> template.strict().parse("<TEMPLATE>\n<lang>Spanish</lang>\n"));
    assertThrows(TemplateSyntaxException.class, () -> template.strict().parse("<TEMPLATE>\n</TEMPLATE>\ntrailing"));
  }

  @Test
  void lenientParserReportsInsteadOfThrowing() {
    String generated = "noise <TEMPLATE>\n<colour>blue</colour>\n<lang>Elvish</lang>\n<task>Translation</task>\n"
        + "<task>Reasoning</task>\n<quality>4.5</quality>\n</TEMPLATE>\nHola mundo";
    LenientParse parse = template.lenient().parse(generated);
    assertTrue(parse.found() && parse.closed());
    assertEquals(Map.of("task", "Translation", "quality", "4.50"), parse.markers());
    assertEquals(3, parse.problems().size(), parse.problems().toString());
    assertEquals("Hola mundo", generated.substring(parse.end()));
  }

  @Test
  void lenientParserHandlesMissingAndUnclosedTemplates() {
    assertFalse(template.lenient().parse("just text").found());
    LenientParse unclosed = template.lenient().parse("<TEMPLATE>\n<lang>French</lang>\n<dom");
    assertTrue(unclosed.found());
    assertFalse(unclosed.closed());
    assertEquals(Map.of("lang", "French"), unclosed.markers());
  }

  private static String randomValue(Category category, Random random) {
    if (category instanceof IntegerCategory) {
      return Integer.toString(random.nextInt(5_000));
    }
    if (category instanceof DecimalCategory d) {
      return d.canonical(d.min() + random.nextDouble() * (d.max() - d.min()));
    }
    if (category instanceof BucketCategory b) {
      return b.values().get(random.nextInt(b.values().size()));
    }
    return category.values().get(random.nextInt(category.values().size()));
  }
}
