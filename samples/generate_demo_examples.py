#!/usr/bin/env python3
"""Writes samples/demo-examples.jsonl: the small bundled dataset of the demo and of tests that must run
without ../shared. Every text below was written for this project (no public dataset is copied); numbers,
names and pairings vary with a fixed seed so that the rows are not identical. Rerun to regenerate:
    python3 samples/generate_demo_examples.py
"""
import json
import random

rng = random.Random(2506_14702)
rows = []


def add(dataset, prompt, completion, **extra):
    row = {"dataset": dataset, "prompt": prompt, "completion": completion}
    row.update(extra)
    rows.append(row)


# --- Math word problems with step-by-step answers, in eight languages (Reasoning / Math) -------------
MATH = {
    "en": ("{name} has {a} apples and buys {b} more. Then {name} gives {c} to a friend. How many apples are left?",
           "{name} starts with {a} apples.\nAfter buying {b} more, {name} has {a} + {b} = {s} apples.\n"
           "After giving away {c}, {s} - {c} = {r} apples are left.\nThe answer is {r}."),
    "fr": ("{name} a {a} pommes et en achète {b} de plus. Ensuite, {name} en donne {c} à un ami. Combien de pommes reste-t-il ?",
           "{name} commence avec {a} pommes.\nAprès en avoir acheté {b}, {name} a {a} + {b} = {s} pommes.\n"
           "Après en avoir donné {c}, il reste {s} - {c} = {r} pommes.\nLa réponse est {r}."),
    "es": ("{name} tiene {a} manzanas y compra {b} más. Luego le regala {c} a un amigo. ¿Cuántas manzanas le quedan?",
           "{name} empieza con {a} manzanas.\nDespués de comprar {b} más, tiene {a} + {b} = {s} manzanas.\n"
           "Después de regalar {c}, le quedan {s} - {c} = {r} manzanas.\nLa respuesta es {r}."),
    "de": ("{name} hat {a} Äpfel und kauft {b} weitere. Dann schenkt {name} einem Freund {c} Äpfel. Wie viele Äpfel bleiben übrig?",
           "{name} beginnt mit {a} Äpfeln.\nNach dem Kauf von {b} weiteren hat {name} {a} + {b} = {s} Äpfel.\n"
           "Nachdem {name} {c} verschenkt hat, bleiben {s} - {c} = {r} Äpfel übrig.\nDie Antwort ist {r}."),
    "it": ("{name} ha {a} mele e ne compra altre {b}. Poi ne regala {c} a un amico. Quante mele restano?",
           "{name} parte con {a} mele.\nDopo averne comprate altre {b}, ha {a} + {b} = {s} mele.\n"
           "Dopo averne regalate {c}, restano {s} - {c} = {r} mele.\nLa risposta è {r}."),
    "pt": ("{name} tem {a} maçãs e compra mais {b}. Depois dá {c} a um amigo. Quantas maçãs sobram?",
           "{name} começa com {a} maçãs.\nDepois de comprar mais {b}, tem {a} + {b} = {s} maçãs.\n"
           "Depois de dar {c}, sobram {s} - {c} = {r} maçãs.\nA resposta é {r}."),
    "zh": ("{name}有{a}个苹果，又买了{b}个。然后{name}送给朋友{c}个。还剩下多少个苹果？",
           "{name}一开始有{a}个苹果。\n又买了{b}个以后，一共有{a} + {b} = {s}个苹果。\n"
           "送给朋友{c}个以后，还剩{s} - {c} = {r}个苹果。\n答案是{r}。"),
    "ja": ("{name}はりんごを{a}個持っていて、さらに{b}個買いました。そのあと友だちに{c}個あげました。りんごはいくつ残っていますか。",
           "{name}は最初にりんごを{a}個持っています。\nさらに{b}個買うと、{a} + {b} = {s}個になります。\n"
           "友だちに{c}個あげると、{s} - {c} = {r}個残ります。\n答えは{r}です。"),
    "ru": ("У мальчика по имени {name} есть {a} яблок, и он покупает ещё {b}. Потом он отдаёт другу {c}. Сколько яблок осталось?",
           "Сначала у него {a} яблок.\nПосле покупки ещё {b} у него {a} + {b} = {s} яблок.\n"
           "После того как он отдал {c}, осталось {s} - {c} = {r} яблок.\nОтвет: {r}."),
}
NAMES = {"en": ["Maria", "James", "Aisha", "Tom"], "fr": ["Camille", "Louis", "Inès"], "es": ["Lucía", "Mateo", "Sofía"],
         "de": ["Jonas", "Lena", "Emil"], "it": ["Giulia", "Marco", "Sara"], "pt": ["Ana", "João", "Beatriz"],
         "zh": ["小明", "小红", "李华"], "ja": ["さくら", "ゆうと", "はると"], "ru": ["Иван", "Алексей", "Дмитрий"]}
for lang, (q, a) in MATH.items():
    for _ in range(9):
        x, y = rng.randint(3, 60), rng.randint(2, 40)
        z = rng.randint(1, x + y - 1)
        name = rng.choice(NAMES[lang])
        values = dict(name=name, a=x, b=y, c=z, s=x + y, r=x + y - z)
        add("demo-math", q.format(**values), a.format(**values))

# --- Code generation in six languages (CodeGeneration / Code) ----------------------------------------
CODE_TASKS = [
    ("returns the sum of a list of integers",
     {"python": "def total(values):\n    result = 0\n    for v in values:\n        result += v\n    return result",
      "javascript": "function total(values) {\n  return values.reduce((acc, v) => acc + v, 0);\n}",
      "go": "func total(values []int) int {\n\tsum := 0\n\tfor _, v := range values {\n\t\tsum += v\n\t}\n\treturn sum\n}",
      "rust": "fn total(values: &[i64]) -> i64 {\n    values.iter().sum()\n}",
      "java": "static int total(int[] values) {\n    int sum = 0;\n    for (int v : values) {\n        sum += v;\n    }\n    return sum;\n}",
      "cpp": "#include <vector>\n#include <numeric>\n\nint total(const std::vector<int>& values) {\n    return std::accumulate(values.begin(), values.end(), 0);\n}"}),
    ("checks whether a string is a palindrome",
     {"python": "def is_palindrome(text):\n    cleaned = text.lower()\n    return cleaned == cleaned[::-1]",
      "javascript": "const isPalindrome = (text) => {\n  const cleaned = text.toLowerCase();\n  return cleaned === [...cleaned].reverse().join('');\n};",
      "go": "func isPalindrome(text string) bool {\n\tr := []rune(strings.ToLower(text))\n\tfor i, j := 0, len(r)-1; i < j; i, j = i+1, j-1 {\n\t\tif r[i] != r[j] {\n\t\t\treturn false\n\t\t}\n\t}\n\treturn true\n}",
      "rust": "fn is_palindrome(text: &str) -> bool {\n    let lower: Vec<char> = text.to_lowercase().chars().collect();\n    lower.iter().eq(lower.iter().rev())\n}",
      "java": "static boolean isPalindrome(String text) {\n    String lower = text.toLowerCase();\n    return new StringBuilder(lower).reverse().toString().equals(lower);\n}",
      "cpp": "#include <string>\n#include <algorithm>\n\nbool is_palindrome(std::string text) {\n    std::transform(text.begin(), text.end(), text.begin(), ::tolower);\n    return std::equal(text.begin(), text.begin() + text.size() / 2, text.rbegin());\n}"}),
    ("returns the largest value of a non-empty list",
     {"python": "def largest(values):\n    best = values[0]\n    for v in values[1:]:\n        if v > best:\n            best = v\n    return best",
      "javascript": "function largest(values) {\n  let best = values[0];\n  for (const v of values) {\n    if (v > best) best = v;\n  }\n  return best;\n}",
      "go": "func largest(values []int) int {\n\tbest := values[0]\n\tfor _, v := range values[1:] {\n\t\tif v > best {\n\t\t\tbest = v\n\t\t}\n\t}\n\treturn best\n}",
      "rust": "fn largest(values: &[i32]) -> i32 {\n    *values.iter().max().expect(\"non-empty\")\n}",
      "java": "static int largest(int[] values) {\n    int best = values[0];\n    for (int v : values) {\n        best = Math.max(best, v);\n    }\n    return best;\n}",
      "cpp": "#include <vector>\n#include <algorithm>\n\nint largest(const std::vector<int>& values) {\n    return *std::max_element(values.begin(), values.end());\n}"}),
    ("counts the even numbers in a list",
     {"python": "def count_even(values):\n    return sum(1 for v in values if v % 2 == 0)",
      "javascript": "function countEven(values) {\n  return values.filter((v) => v % 2 === 0).length;\n}",
      "go": "func countEven(values []int) int {\n\tcount := 0\n\tfor _, v := range values {\n\t\tif v%2 == 0 {\n\t\t\tcount++\n\t\t}\n\t}\n\treturn count\n}",
      "rust": "fn count_even(values: &[i32]) -> usize {\n    values.iter().filter(|v| *v % 2 == 0).count()\n}",
      "java": "static long countEven(int[] values) {\n    return java.util.Arrays.stream(values).filter(v -> v % 2 == 0).count();\n}",
      "cpp": "#include <vector>\n#include <algorithm>\n\nlong count_even(const std::vector<int>& values) {\n    return std::count_if(values.begin(), values.end(), [](int v) { return v % 2 == 0; });\n}"}),
    ("computes the factorial of n",
     {"python": "def factorial(n):\n    result = 1\n    for i in range(2, n + 1):\n        result *= i\n    return result",
      "javascript": "function factorial(n) {\n  let result = 1;\n  for (let i = 2; i <= n; i++) result *= i;\n  return result;\n}",
      "go": "func factorial(n int) int {\n\tresult := 1\n\tfor i := 2; i <= n; i++ {\n\t\tresult *= i\n\t}\n\treturn result\n}",
      "rust": "fn factorial(n: u64) -> u64 {\n    (1..=n).product()\n}",
      "java": "static long factorial(int n) {\n    long result = 1;\n    for (int i = 2; i <= n; i++) {\n        result *= i;\n    }\n    return result;\n}",
      "cpp": "unsigned long long factorial(unsigned n) {\n    unsigned long long result = 1;\n    for (unsigned i = 2; i <= n; ++i) result *= i;\n    return result;\n}"}),
]
LANG_NAMES = {"python": "Python", "javascript": "JavaScript", "go": "Go", "rust": "Rust", "java": "Java", "cpp": "C++"}
for what, impls in CODE_TASKS:
    for lang, code in impls.items():
        add("demo-code", f"Write a {LANG_NAMES[lang]} function that {what}.",
            f"```{lang}\n{code}\n```")

SQL = [("List the names of all customers from Paris.", "SELECT name\nFROM customers\nWHERE city = 'Paris';"),
       ("Count the orders placed in 2024.", "SELECT COUNT(*) AS orders_2024\nFROM orders\nWHERE order_date >= '2024-01-01' AND order_date < '2025-01-01';"),
       ("Show the five most expensive products.", "SELECT name, price\nFROM products\nORDER BY price DESC\nLIMIT 5;"),
       ("Find the average salary per department.", "SELECT department, AVG(salary) AS avg_salary\nFROM employees\nGROUP BY department;")]
for q, a in SQL:
    add("demo-code", "Write an SQL query: " + q, "```sql\n" + a + "\n```")
SHELL = [("Count the lines of every .log file in the current folder.", "for f in *.log; do\n  wc -l \"$f\"\ndone"),
         ("Find files larger than 100 MB under /var.", "find /var -type f -size +100M -print"),
         ("Print the ten most used commands from the shell history.", "history | awk '{print $2}' | sort | uniq -c | sort -rn | head -10")]
for q, a in SHELL:
    add("demo-code", "Write a shell command. " + q, "```bash\n#!/usr/bin/env bash\n" + a + "\n```")

# --- Code fixing and explaining (CodeFix, CodeExplanation) -------------------------------------------
FIXES = [("def average(values):\n    return sum(values) / len(values) + 1", "def average(values):\n    return sum(values) / len(values)",
          "python", "The function added 1 to the mean."),
         ("function last(items) {\n  return items[items.length];\n}", "function last(items) {\n  return items[items.length - 1];\n}",
          "javascript", "Arrays are indexed from 0, so the last element is at length - 1."),
         ("for i in range(1, 10):\n    print(i)", "for i in range(1, 11):\n    print(i)",
          "python", "range stops before its end value, so printing 1 to 10 needs range(1, 11)."),
         ("int square(int x) {\n    return x * x\n}", "int square(int x) {\n    return x * x;\n}",
          "java", "The return statement was missing its semicolon.")]
for bad, good, lang, why in FIXES:
    add("demo-code", f"Fix the bug in this code:\n\n```{lang}\n{bad}\n```", f"{why}\n\n```{lang}\n{good}\n```")
EXPLAIN = [("```python\nsquares = [x * x for x in range(5)]\n```", "This list comprehension builds the list of the squares of 0 to 4: [0, 1, 4, 9, 16]."),
           ("```javascript\nconst unique = [...new Set(items)];\n```", "A Set keeps each value once; spreading it into an array gives the items without duplicates, in first-seen order."),
           ("```sql\nSELECT city, COUNT(*) FROM customers GROUP BY city HAVING COUNT(*) > 10;\n```", "The query counts customers per city and keeps only the cities with more than ten customers.")]
for code, a in EXPLAIN:
    add("demo-code", "Explain what this code does:\n\n" + code, a)

# --- Translation between languages (Translation) -----------------------------------------------------
PHRASES = [
    {"English": "The library opens at nine in the morning.", "French": "La bibliothèque ouvre à neuf heures du matin.",
     "Spanish": "La biblioteca abre a las nueve de la mañana.", "German": "Die Bibliothek öffnet um neun Uhr morgens.",
     "Italian": "La biblioteca apre alle nove del mattino."},
    {"English": "Please close the window when you leave.", "French": "Merci de fermer la fenêtre en partant.",
     "Spanish": "Por favor, cierra la ventana cuando te vayas.", "German": "Bitte schließe das Fenster, wenn du gehst.",
     "Italian": "Per favore chiudi la finestra quando esci."},
    {"English": "My brother is learning to play the guitar.", "French": "Mon frère apprend à jouer de la guitare.",
     "Spanish": "Mi hermano está aprendiendo a tocar la guitarra.", "German": "Mein Bruder lernt Gitarre spielen.",
     "Italian": "Mio fratello sta imparando a suonare la chitarra."},
    {"English": "The train to the coast was cancelled because of the storm.", "French": "Le train pour la côte a été annulé à cause de la tempête.",
     "Spanish": "El tren a la costa fue cancelado por la tormenta.", "German": "Der Zug an die Küste fiel wegen des Sturms aus.",
     "Italian": "Il treno per la costa è stato cancellato a causa della tempesta."},
    {"English": "We planted tomatoes and beans in the garden.", "French": "Nous avons planté des tomates et des haricots dans le jardin.",
     "Spanish": "Plantamos tomates y judías en el huerto.", "German": "Wir haben Tomaten und Bohnen im Garten gepflanzt.",
     "Italian": "Abbiamo piantato pomodori e fagioli nell'orto."},
    {"English": "Drink enough water during hot days.", "French": "Buvez suffisamment d'eau pendant les jours de chaleur.",
     "Spanish": "Bebe suficiente agua durante los días de calor.", "German": "Trinke an heißen Tagen genug Wasser.",
     "Italian": "Bevi abbastanza acqua durante le giornate calde."},
]
for phrases in PHRASES:
    langs = list(phrases)
    for target in langs[1:]:
        add("demo-translation", f"Translate into {target}: {phrases['English']}", phrases[target])
        add("demo-translation", f"Translate into English: {phrases[target]}", phrases["English"])

# --- Question answering and explanations across domains ----------------------------------------------
QA = [
    ("Why is the sky blue?", "Sunlight is scattered by the molecules of the air, and short wavelengths are scattered much more "
     "than long ones. Blue light is therefore spread across the whole sky, which is why it looks blue during the day.", "Sciences"),
    ("What does the mitochondrion do in a cell?", "The mitochondrion produces most of the cell's energy. It turns nutrients and "
     "oxygen into ATP, the molecule that powers most processes inside the cell.", "Sciences"),
    ("What is a fever?", "A fever is a body temperature above the normal range, usually above 38 °C. It is often a sign that the "
     "immune system is fighting an infection. See a doctor if it is very high or lasts more than three days.", "Medical"),
    ("How often should adults have their blood pressure checked?", "Adults with normal blood pressure should have it checked at "
     "least every two years; people with high blood pressure or other risk factors need more frequent checks.", "Medical"),
    ("What is a contract?", "A contract is an agreement between parties that the law will enforce. It usually needs an offer, an "
     "acceptance, something of value exchanged and the intention to be legally bound.", "Legal"),
    ("What is the difference between a will and a trust?", "A will takes effect after death and goes through probate, while a "
     "trust can take effect during the owner's lifetime and usually avoids probate.", "Legal"),
    ("What is compound interest?", "Compound interest is interest earned on both the original amount and on the interest already "
     "added. Over time it makes savings grow faster than simple interest does.", "Finance"),
    ("What is an index fund?", "An index fund is an investment fund that tracks a market index, such as the S&P 500, by holding "
     "the same securities. It offers broad diversification at a low cost.", "Finance"),
    ("Who painted the ceiling of the Sistine Chapel?", "Michelangelo painted the ceiling of the Sistine Chapel between 1508 and 1512.", "Culture"),
    ("What is haiku?", "A haiku is a short Japanese poem of three lines with five, seven and five syllables, often about nature "
     "or a season.", "Culture"),
    ("What does a router do?", "A router forwards data packets between networks. At home it connects your devices to each other "
     "and to the internet, and assigns them local addresses.", "Technology"),
    ("What is the difference between RAM and storage?", "RAM is fast, temporary memory that holds what the computer is working on "
     "right now; storage keeps files permanently, even when the power is off.", "Technology"),
    ("What is inflation?", "Inflation is the general rise of prices over time, which reduces what a unit of money can buy.", "SocialSciences"),
    ("Why do people migrate to cities?", "People move to cities mainly for jobs, education and services, and to join family or "
     "communities that already live there.", "SocialSciences"),
]
for q, a, domain in QA:
    add("demo-qa", q, a, markers={"domain": domain})
QA_FR = [("Pourquoi les feuilles changent-elles de couleur en automne ?", "En automne, les arbres cessent de produire de la "
          "chlorophylle, le pigment vert. Les autres pigments, jaunes et orange, deviennent alors visibles."),
         ("Qu'est-ce qu'un volcan ?", "Un volcan est une ouverture de la croûte terrestre par laquelle le magma, les gaz et les "
          "cendres remontent à la surface.")]
QA_ES = [("¿Qué es la fotosíntesis?", "La fotosíntesis es el proceso por el que las plantas usan la luz del sol, el agua y el "
          "dióxido de carbono para producir azúcares y liberar oxígeno."),
         ("¿Por qué es importante dormir bien?", "Dormir bien permite al cuerpo recuperarse, consolida la memoria y ayuda a "
          "mantener el sistema inmunitario en buen estado.")]
QA_DE = [("Was ist ein Kontinent?", "Ein Kontinent ist eine große zusammenhängende Landmasse. Meist zählt man sieben Kontinente, "
          "darunter Afrika, Asien und Europa.")]
QA_ZH = [("为什么天空是蓝色的？", "阳光进入大气层后会被空气分子散射，波长较短的蓝光被散射得最多，所以我们看到的天空是蓝色的。"),
         ("什么是光合作用？", "光合作用是植物利用阳光、水和二氧化碳制造糖类并释放氧气的过程。")]
QA_JA = [("なぜ夜空の星はまたたくのですか。", "星の光が地球の大気を通るとき、空気の揺らぎによって光の進む向きが少しずつ変わるため、星がまたたいて見えます。")]
QA_RU = [("Что такое фотосинтез?", "Фотосинтез — это процесс, при котором растения используют солнечный свет, воду и углекислый "
          "газ, чтобы производить сахара и выделять кислород.")]
for group in (QA_FR, QA_ES, QA_DE, QA_ZH, QA_JA, QA_RU):
    for q, a in group:
        add("demo-qa", q, a, markers={"domain": "Sciences"})

# --- Extraction to JSON (InformationExtraction, format JSON) -----------------------------------------
PEOPLE = ["Nora Lind", "Kofi Mensah", "Hana Sato", "Diego Ruiz", "Olga Petrova", "Liam Byrne", "Amara Okafor", "Chen Wei"]
CITIES = ["Lisbon", "Nairobi", "Osaka", "Bogotá", "Kazan", "Dublin", "Lagos", "Chengdu"]
JOBS = ["engineer", "nurse", "teacher", "architect", "pilot", "chef", "lawyer", "biologist"]
for i in range(16):
    person, city, job, age = rng.choice(PEOPLE), rng.choice(CITIES), rng.choice(JOBS), rng.randint(21, 67)
    text = f"{person} is a {age}-year-old {job} who lives in {city}."
    add("demo-extraction", f"Extract the name, age, job and city from the text as JSON.\n\n{text}",
        json.dumps({"name": person, "age": age, "job": job, "city": city}, ensure_ascii=False, indent=2))

# --- Sentiment classification --------------------------------------------------------------------------
REVIEWS = [("The battery lasts two full days and the screen is gorgeous.", "positive"),
           ("It stopped working after a week and support never answered.", "negative"),
           ("Delivery was quick, the product does exactly what it says.", "positive"),
           ("The soup was cold and the waiter ignored us for an hour.", "negative"),
           ("Le film était magnifique, je le reverrai avec plaisir.", "positive"),
           ("Service lent et plats sans goût, je ne reviendrai pas.", "negative"),
           ("El hotel estaba limpio y el personal fue muy amable.", "positive"),
           ("La aplicación se cierra sola cada vez que la abro.", "negative"),
           ("Das Buch ist spannend bis zur letzten Seite.", "positive"),
           ("Die Lieferung kam zwei Wochen zu spät und beschädigt.", "negative")]
for text, label in REVIEWS:
    add("demo-classification", f"Classify the sentiment of this review as positive or negative.\n\n{text}", label,
        markers={"domain": "Conversation"})

# --- Summaries (Summarization) -------------------------------------------------------------------------
SUMMARIES = [
    ("The town council met on Tuesday to discuss the new cycle lanes. Residents from the north district asked for safer "
     "crossings near the school, while shop owners worried about losing parking spaces. After two hours of debate the council "
     "agreed to build the lanes in stages and to review parking after six months.",
     "The council approved the cycle lanes in stages and will review parking after six months."),
    ("Researchers followed 2,000 adults for ten years and found that those who walked at least 30 minutes a day had fewer "
     "heart problems. The effect held after accounting for age, weight and smoking, although the authors note that the study "
     "shows an association rather than a cause.",
     "A ten-year study links daily 30-minute walks to fewer heart problems, without proving cause."),
    ("The company reported revenue of 4.2 million euros for the quarter, up 12 percent on last year, mainly thanks to its "
     "online shop. Costs rose faster than expected because of new warehouses, so profit stayed flat.",
     "Quarterly revenue grew 12% to 4.2 million euros, but higher warehouse costs kept profit flat."),
    ("Heavy rain over the weekend flooded several roads in the valley. Emergency services rescued twelve people from cars "
     "and opened two shelters. Forecasters expect the water to recede by Wednesday.",
     "Weekend floods closed roads and led to twelve rescues; the water should recede by Wednesday."),
]
for text, summary in SUMMARIES:
    add("demo-summaries", f"Summarize in one sentence:\n\n{text}", summary)

# --- Lists, tables, creative writing, styles ---------------------------------------------------------
LISTS = [("Give three tips for learning a new language.",
          "1. Practise a little every day rather than a lot once a week.\n2. Speak with native speakers as early as you can.\n"
          "3. Read and listen to things you enjoy in that language."),
         ("List four ways to save energy at home.",
          "- Switch off devices instead of leaving them on standby.\n- Lower the heating by one degree.\n"
          "- Use LED bulbs.\n- Wash clothes at 30 °C."),
         ("Name three planets of the solar system and one fact about each.",
          "1. Mercury: the closest planet to the Sun.\n2. Jupiter: the largest planet.\n3. Saturn: known for its bright rings.")]
for q, a in LISTS:
    add("demo-writing", q, a)
TABLES = [("Make a table of three fruits with their colour and season.",
           "| Fruit | Colour | Season |\n|---|---|---|\n| Apple | Red | Autumn |\n| Cherry | Dark red | Summer |\n| Orange | Orange | Winter |"),
          ("Compare Python and Java in a table: typing, compilation, typical use.",
           "| | Python | Java |\n|---|---|---|\n| Typing | Dynamic | Static |\n| Compilation | Interpreted bytecode | Compiled to JVM bytecode |\n| Typical use | Scripting, data science | Enterprise services, Android |")]
for q, a in TABLES:
    add("demo-writing", q, a)
POEMS = [("Write a short poem about the sea.", "Grey waves fold over the stones,\nthe gulls argue with the wind,\nand the tide keeps its old promise:\nit will come back tomorrow."),
         ("Write a four-line poem about autumn in a city.", "Leaves drift past the bus stop,\nstreet lamps wake at five,\ncoffee steams in paper cups,\nthe city wraps itself in wool."),
         ("Write a two-sentence story about a lost key.", "Ana searched the whole flat for the key to her grandmother's box. "
          "She found it at last in the pocket of the coat she had worn to the funeral.")]
for q, a in POEMS:
    add("demo-writing", q, a)
STYLED = [("Explain what a computer virus is, and respond like a pirate.", "Arr, a computer virus be a sneaky bit o' code that "
           "stows away in yer programs, copies itself to every ship in the fleet, and plunders yer files when ye least expect it!"),
          ("Describe the weather today in the style of Shakespeare.", "Lo, the heavens weep their silver tears upon the town, "
           "and the wind doth sigh through every lane."),
          ("Pretend you are a tour guide and welcome visitors to Rome.", "Welcome, everyone, to Rome, the Eternal City! "
           "Today we will walk from the Colosseum to the Forum, so keep your tickets and your curiosity ready.")]
for q, a in STYLED:
    add("demo-writing", q, a)

# a few rows with their own quality score, as a reward model would give
for row in rows[::7]:
    row["quality"] = round(rng.uniform(1.0, 5.0), 2)

rng.shuffle(rows)
for i, row in enumerate(rows):
    row["id"] = f"demo-{i:04d}"
with open(__file__.rsplit("/", 1)[0] + "/demo-examples.jsonl", "w", encoding="utf-8") as out:
    for row in rows:
        ordered = {"id": row.pop("id"), **row}
        out.write(json.dumps(ordered, ensure_ascii=False) + "\n")
print(f"wrote {len(rows)} examples")
