package org.treasuremarkers.core.annotate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.treasuremarkers.core.example.MarkerOrigin;
import org.treasuremarkers.core.example.RawExample;
import org.treasuremarkers.core.taxonomy.Taxonomy;
import org.treasuremarkers.core.taxonomy.TaxonomyLoader;

class RuleAnnotatorTest {
  private static final Taxonomy TAXONOMY = TaxonomyLoader.loadDefault();
  private static final AnnotationRules RULES = AnnotationRules.loadDefault();
  private static final RuleAnnotator TASK_DOMAIN = new RuleAnnotator(RULES.rules());
  private static final StyleAnnotator STYLE = new StyleAnnotator(RULES.style());

  private static Map<String, String> annotate(Annotator annotator, String prompt, String completion) {
    MarkerBuilder markers = new MarkerBuilder(TAXONOMY);
    annotator.annotate(RawExample.of("t", prompt, completion), markers);
    return markers.build().markers();
  }

  @ParameterizedTest(name = "{1} <- {0}")
  @CsvSource(delimiter = '|', textBlock = """
      Translate the following sentence into French: I like cats.   | Translation
      Please translate this to German.                              | Translation
      将句子“El agua es importante”翻译成英语。                        | Translation
      Summarize the article below in two sentences.                 | Summarization
      Write a short summary of the following text.                  | Summarization
      Classify the following animals as mammals or birds.           | Classification
      Rewrite the sentence in the passive voice.                    | Rewrite
      Paraphrase this paragraph.                                    | Rewrite
      Fix the bug in this function.                                 | CodeFix
      Find the error in the following code.                         | CodeFix
      Explain this code snippet.                                    | CodeExplanation
      What does the following Python function do?                  | CodeExplanation
      Write a Python function that reverses a string.               | CodeGeneration
      Create a SQL query to list all customers.                     | CodeGeneration
      编写一个Python函数来计算阶乘。                                    | CodeGeneration
      Convert this Python code to JavaScript.                       | CodeTranslation
      Translate the following loop into list comprehension in Python. | CodeTranslation
      Translate the following JavaScript closure example into a Python equivalent. | CodeTranslation
      Extract all the dates from the text.                          | InformationExtraction
      Write a poem about the sea.                                   | CreativeWriting
      Explain why the sky is blue.                                  | Explanation
      """)
  void taskRules(String prompt, String task) {
    assertEquals(task, annotate(TASK_DOMAIN, prompt, "…").get("task"));
  }

  @Test
  void noRuleNoTask() {
    assertNull(annotate(TASK_DOMAIN, "What is the capital of France?", "Paris.").get("task"));
    assertNull(annotate(TASK_DOMAIN, "Rewrite this for loop using a while loop.", "…").get("task"),
        "rewriting code is no Rewrite (and no other task value fits)");
    assertNull(annotate(TASK_DOMAIN, "Tell me about the history of translation.", "…").get("task"),
        "a rule anchored at the start does not fire on a word in the middle");
  }

  @Test
  void domainRules() {
    assertEquals("Code", annotate(TASK_DOMAIN, "How do I read a file?", "Like this:\n```python\nopen('f').read()\n```").get("domain"));
    assertEquals("Code", annotate(TASK_DOMAIN, "Write a Java program that prints hello.", "…").get("domain"));
    assertEquals("Code", annotate(TASK_DOMAIN, "Sum a list.", "def total(xs):\n    return sum(xs)").get("domain"));
    assertEquals("Math", annotate(TASK_DOMAIN, "Solve the equation 2x + 3 = 7.", "x = 2").get("domain"));
    assertNull(annotate(TASK_DOMAIN, "Describe a sunset.", "The sky turns orange.").get("domain"));
  }

  @Test
  void firstMatchingRuleWinsAndPresetMarkersStay() {
    assertEquals("CodeTranslation", annotate(TASK_DOMAIN, "Translate this Java code into Python.", "…").get("task"),
        "the code translation rule comes before the translation rule");
    MarkerBuilder markers = new MarkerBuilder(TAXONOMY);
    markers.propose("task", "OpenEnded", MarkerOrigin.DATASET);
    TASK_DOMAIN.annotate(RawExample.of("t", "Translate this.", "…"), markers);
    assertEquals("OpenEnded", markers.get("task"));
    assertEquals(MarkerOrigin.DATASET, markers.build().origins().get("task"));
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', textBlock = """
      Respond like a pirate: what is the weather today?
      Write a poem in the style of Emily Dickinson.
      Pretend you are a tour guide in Rome and describe the Colosseum.
      Act as a Linux terminal.
      Explain quantum physics like I'm five.
      Describe the ocean as a pirate would, as a pirate.
      请以李白的口吻写一首诗。
      """)
  void styleCustomForPersonaOrStyleRequests(String prompt) {
    assertEquals("Custom", annotate(STYLE, prompt, "…").get("style"));
  }

  @Test
  void noStyleRequestNoStyle() {
    for (String prompt : new String[] {"Write a poem about the sea.", "Act on the following feedback.",
        "Give an answer like 42 or 43.", "What is the style guide for Python?",
        "赋予一个词来描述以下诗歌的语气。", "妮莎雇用了 60 名工人在圣诞村扮演精灵。"}) {
      assertFalse(annotate(STYLE, prompt, "…").containsKey("style"), prompt);
    }
  }

  @Test
  void sameResultsFromFourThreads() throws Exception {
    String[] prompts = {"Translate this.", "Summarize it.", "Write a Python function.", "Hello there.", "Act as a cat."};
    ThreadSafety.assertSameResults(prompts.length * 40, i -> {
      MarkerBuilder m = new MarkerBuilder(TAXONOMY);
      RawExample e = RawExample.of("t", prompts[i % prompts.length], "```\nx\n```");
      TASK_DOMAIN.annotate(e, m);
      STYLE.annotate(e, m);
      return m.build().markers();
    });
  }
}
