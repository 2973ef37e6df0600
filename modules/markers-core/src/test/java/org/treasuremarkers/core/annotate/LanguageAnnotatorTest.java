package org.treasuremarkers.core.annotate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.treasuremarkers.core.example.RawExample;
import org.treasuremarkers.core.taxonomy.Taxonomy;
import org.treasuremarkers.core.taxonomy.TaxonomyLoader;

class LanguageAnnotatorTest {
  private static final Taxonomy TAXONOMY = TaxonomyLoader.loadDefault();
  private static final LanguageAnnotator LANG = new LanguageAnnotator(TAXONOMY);

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', textBlock = """
      English    | The committee reviewed the proposal carefully and decided to postpone the vote until next month.
      French     | Le comité a examiné la proposition avec attention et a décidé de reporter le vote au mois prochain.
      German     | Der Ausschuss hat den Vorschlag sorgfältig geprüft und beschlossen, die Abstimmung zu verschieben.
      Spanish    | El comité revisó la propuesta con cuidado y decidió aplazar la votación hasta el próximo mes.
      Italian    | Il comitato ha esaminato attentamente la proposta e ha deciso di rinviare il voto al mese prossimo.
      Portuguese | O comitê analisou a proposta com cuidado e decidiu adiar a votação para o próximo mês.
      Dutch      | De commissie heeft het voorstel zorgvuldig bekeken en besloten de stemming uit te stellen.
      Polish     | Komisja dokładnie przeanalizowała wniosek i postanowiła przełożyć głosowanie na przyszły miesiąc.
      Russian    | Комитет внимательно рассмотрел предложение и решил отложить голосование до следующего месяца.
      Ukrainian  | Комітет уважно розглянув пропозицію і вирішив відкласти голосування до наступного місяця.
      Arabic     | درست اللجنة الاقتراح بعناية وقررت تأجيل التصويت حتى الشهر المقبل.
      Hindi      | समिति ने प्रस्ताव की ध्यान से समीक्षा की और मतदान को अगले महीने तक टालने का फैसला किया।
      Chinese    | 委员会仔细审查了这项提案，并决定将投票推迟到下个月。
      Japanese   | 委員会は提案を慎重に検討し、投票を来月まで延期することを決めました。
      Korean     | 위원회는 제안을 신중하게 검토한 후 투표를 다음 달로 연기하기로 결정했습니다.
      Thai       | คณะกรรมการได้พิจารณาข้อเสนออย่างรอบคอบและตัดสินใจเลื่อนการลงคะแนนออกไปจนถึงเดือนหน้า
      Greek      | Η επιτροπή εξέτασε προσεκτικά την πρόταση και αποφάσισε να αναβάλει την ψηφοφορία.
      Hebrew     | הוועדה בחנה את ההצעה בקפידה והחליטה לדחות את ההצבעה לחודש הבא.
      Turkish    | Komite teklifi dikkatlice inceledi ve oylamayı gelecek aya ertelemeye karar verdi.
      Swahili    | Kamati ilipitia pendekezo hilo kwa makini na kuamua kuahirisha kura hadi mwezi ujao.
      """)
  void detectsTheCompletionsLanguage(String expected, String completion) {
    assertEquals(expected, LANG.languageOfExample("Summarize the meeting.", completion));
  }

  @Test
  void completionWithoutProseFallsBackToThePrompt() {
    String prompt = "Écrivez une fonction Python qui additionne deux nombres et renvoie le résultat.";
    assertEquals("French", LANG.languageOfExample(prompt, "```python\ndef add(a, b):\n    return a + b\n```"));
    assertEquals("French", LANG.languageOfExample(prompt, "def add(a, b):\n    return a + b\n"));
    assertEquals("French", LANG.languageOfExample(prompt, "42"));
    assertEquals("French", LANG.languageOfExample(prompt, ""));
  }

  @Test
  void proseAroundCodeIsTheCompletionsLanguage() {
    String completion = "Voici une fonction simple qui additionne deux nombres et renvoie leur somme au programme appelant :\n"
        + "```python\ndef add(a, b):\n    return a + b\n```\nElle fonctionne avec des entiers comme avec des nombres décimaux.";
    assertEquals("French", LANG.languageOfExample("Write a function that adds two numbers.", completion));
  }

  @Test
  void unsureGivesNothing() {
    assertNull(LANG.languageOfExample("2 + 2 = ?", "4"), "no prose anywhere");
    assertNull(LANG.languageOfExample("", "x = 1; y = 2; print(x + y)"), "code only, empty prompt");
    assertNull(LANG.languageOfExample("ok", "yes"), "too few letters");
    assertNull(LANG.languageOfProse("https://example.com/a/b/c"), "no letters once URLs are removed");
  }

  @Test
  void urlsAndInlineCodeDoNotCount() {
    String completion = "Die Dokumentation finden Sie unter https://docs.example.com/getting-started/installation "
        + "und der Befehl `npm install --save-dev typescript` installiert den Compiler für dieses Projekt.";
    assertEquals("German", LANG.languageOfExample("How do I install it?", completion));
  }

  @Test
  void languagesOutsideTheTaxonomyAreNeverSet() {
    Taxonomy onlyTwo = trimmedLang("\"English\", \"French\"");
    LanguageAnnotator annotator = new LanguageAnnotator(onlyTwo);
    assertEquals(java.util.List.of("English", "French"), annotator.detectableValues().stream().sorted().toList());
    assertNull(annotator.languageOfExample("", "委员会仔细审查了这项提案，并决定将投票推迟到下个月。"),
        "Chinese is not a candidate: nothing rather than a wrong language");
    MarkerBuilder markers = new MarkerBuilder(onlyTwo);
    annotator.annotate(RawExample.of("t", "", "Le comité a examiné la proposition avec attention et a décidé."), markers);
    assertEquals("French", markers.get("lang"));
  }

  @Test
  void presetLanguageIsKept() {
    MarkerBuilder markers = new MarkerBuilder(TAXONOMY);
    markers.propose("lang", "German", org.treasuremarkers.core.example.MarkerOrigin.INPUT);
    LANG.annotate(RawExample.of("t", "", "The committee reviewed the proposal carefully and decided."), markers);
    assertEquals("German", markers.get("lang"));
  }

  @Test
  void sameResultsFromFourThreads() throws Exception {
    String[] texts = {
        "The committee reviewed the proposal carefully and decided to postpone the vote.",
        "Le comité a examiné la proposition avec attention et a décidé de reporter le vote.",
        "Комитет внимательно рассмотрел предложение и решил отложить голосование.",
        "委员会仔细审查了这项提案，并决定将投票推迟到下个月。",
        "Kamati ilipitia pendekezo hilo kwa makini na kuamua kuahirisha kura hadi mwezi ujao."};
    ThreadSafety.assertSameResults(texts.length * 40, i -> LANG.languageOfExample("", texts[i % texts.length]));
  }

  private static Taxonomy trimmedLang(String values) {
    String json = new String(TAXONOMY.json(), StandardCharsets.UTF_8);
    int start = json.indexOf("\"values\"", json.indexOf("\"lang\""));
    int end = json.indexOf(']', start);
    String trimmed = json.substring(0, start) + "\"values\": [" + values + json.substring(end);
    assertFalse(trimmed.equals(json));
    return TaxonomyLoader.parse("taxonomy with few languages", trimmed.getBytes(StandardCharsets.UTF_8));
  }
}
