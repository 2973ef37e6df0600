package org.treasuremarkers.core.annotate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.treasuremarkers.core.example.MarkerOrigin;
import org.treasuremarkers.core.example.RawExample;
import org.treasuremarkers.core.taxonomy.TaxonomyLoader;

class CodeTypeAnnotatorTest {
  private static final CodeTypeAnnotator CODE = new CodeTypeAnnotator(AnnotationRules.loadDefault());

  private static final List<String[]> SNIPPETS = List.of(
      new String[] {"python", "import os\n\ndef list_files(path):\n    for name in os.listdir(path):\n        if name.endswith('.py'):\n            print(name)\n"},
      new String[] {"go", "package main\n\nimport \"fmt\"\n\nfunc main() {\n    total := 0\n    for _, v := range []int{1, 2, 3} {\n        total += v\n    }\n    fmt.Println(total)\n}\n"},
      new String[] {"rust", "fn main() {\n    let mut total: i32 = 0;\n    for v in vec![1, 2, 3] {\n        total += v;\n    }\n    println!(\"{}\", total);\n}\n"},
      new String[] {"java", "public class Main {\n    public static void main(String[] args) {\n        List<Integer> xs = new ArrayList<>();\n        System.out.println(xs.size());\n    }\n}\n"},
      new String[] {"cpp", "#include <iostream>\n#include <vector>\nusing namespace std;\n\nint main() {\n    vector<int> v = {1, 2, 3};\n    cout << v.size() << endl;\n    return 0;\n}\n"},
      new String[] {"c", "#include <stdio.h>\n#include <stdlib.h>\n\nint main(void) {\n    int *p = malloc(10 * sizeof(int));\n    printf(\"%d\\n\", p[0]);\n    free(p);\n    return 0;\n}\n"},
      new String[] {"javascript", "const sum = (xs) => {\n  let total = 0;\n  xs.forEach(x => { total += x; });\n  return total;\n};\nconsole.log(sum([1, 2, 3]));\n"},
      new String[] {"typescript", "interface User {\n  name: string;\n  age: number;\n}\nfunction greet(user: User): string {\n  return `Hello ${user.name}`;\n}\n"},
      new String[] {"sql", "SELECT name, COUNT(*) AS orders\nFROM customers c\nINNER JOIN orders o ON o.customer_id = c.id\nGROUP BY name\nORDER BY orders DESC;\n"},
      new String[] {"shell", "for f in *.log; do\n  if [ -s \"$f\" ]; then\n    echo \"$f\" | grep error\n  fi\ndone\n"},
      new String[] {"ruby", "def greet(name)\n  puts \"Hello #{name}\"\nend\n\n[1, 2, 3].each do |x|\n  puts x\nend\n"},
      new String[] {"php", "<?php\nfunction greet($name) {\n    echo \"Hello \" . $name;\n}\n$user = 'Ann';\ngreet($user);\n"},
      new String[] {"csharp", "using System;\n\nclass Program {\n    static void Main(string[] args) {\n        Console.WriteLine(\"Hello\");\n    }\n}\n"},
      new String[] {"kotlin", "fun main() {\n    val names = listOf(\"a\", \"b\")\n    for (n in names) {\n        println(n)\n    }\n}\n"},
      new String[] {"swift", "import Foundation\n\nfunc greet(_ name: String) -> String {\n    return \"Hello \\(name)\"\n}\nif let x = Int(\"3\") { print(x) }\n"},
      new String[] {"haskell", "module Main where\n\nsquare :: Int -> Int\nsquare x = x * x\n\nmain = do\n  putStrLn (show (square 3))\n"});

  @Test
  void recognisesEachLanguageBySyntax() {
    for (String[] s : SNIPPETS) {
      assertEquals(s[0], CODE.codeTypeOf("Write the code.", s[1]), () -> "snippet for " + s[0] + ": " + CODE.scores(s[1], true));
    }
  }

  @Test
  void fenceInfoStringDecides() {
    assertEquals("python", CODE.codeTypeOf("", "Here it is:\n```py\nx = 1\n```"));
    assertEquals("shell", CODE.codeTypeOf("", "Run:\n```bash\nls\n```"));
    assertEquals("cpp", CODE.codeTypeOf("", "```C++\nint x;\n```"), "info strings are case-insensitive");
    assertEquals("rust", CODE.codeTypeOf("Fix this:\n```rust\nfn f() {}\n```", "Done."), "a block in the prompt counts");
  }

  @Test
  void unknownFenceFallsBackToTheBlocksSyntax() {
    assertEquals("go", CODE.codeTypeOf("", "```\npackage main\n\nfunc main() {\n    x := 1\n    fmt.Println(x)\n}\n```"));
  }

  @Test
  void shebangDecides() {
    assertEquals("python", CODE.codeTypeOf("", "#!/usr/bin/env python3\nprint('hi')\n"));
    assertEquals("shell", CODE.codeTypeOf("", "#!/bin/bash\necho hi\n"));
    assertEquals("ruby", CODE.codeTypeOf("", "#!/usr/bin/ruby -w\nputs 1\n"));
  }

  @Test
  void proseAndAmbiguousCodeGetNothing() {
    assertNull(CODE.codeTypeOf("What is the capital of France?", "The capital of France is Paris."));
    assertNull(CODE.codeTypeOf("Explain recursion.", "Recursion is when a function calls itself; for example, a "
        + "factorial function multiplies n by the factorial of n - 1 until it reaches 1."));
    assertNull(CODE.codeTypeOf("", "    return x + y;\n}\n"), "valid in many languages: unsure");
    assertNull(CODE.codeTypeOf("", ""));
  }

  @Test
  void theLiteralPrefilterNeverChangesAScore() {
    for (String[] s : SNIPPETS) {
      assertEquals(CODE.scores(s[1], false), CODE.scores(s[1], true), s[0]);
    }
  }

  @Test
  void setsTheMarkerUnlessPresent() {
    var taxonomy = TaxonomyLoader.loadDefault();
    MarkerBuilder markers = new MarkerBuilder(taxonomy);
    CODE.annotate(RawExample.of("t", "", SNIPPETS.get(0)[1]), markers);
    assertEquals("python", markers.get("code_type"));
    assertEquals(MarkerOrigin.RULE, markers.build().origins().get("code_type"));
    MarkerBuilder preset = new MarkerBuilder(taxonomy);
    preset.propose("code_type", "java", MarkerOrigin.DATASET);
    CODE.annotate(RawExample.of("t", "", SNIPPETS.get(0)[1]), preset);
    assertEquals("java", preset.get("code_type"));
  }

  @Test
  void sameResultsFromFourThreads() throws Exception {
    ThreadSafety.assertSameResults(SNIPPETS.size() * 20, i -> CODE.codeTypeOf("", SNIPPETS.get(i % SNIPPETS.size())[1]));
  }
}
