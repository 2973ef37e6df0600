package org.treasuremarkers.model.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.treasuremarkers.core.example.RawExample;
import org.treasuremarkers.core.taxonomy.TaxonomyLoader;
import org.treasuremarkers.core.testing.SharedDatasetReaders;
import org.treasuremarkers.model.data.HeldOutSplit;
import org.treasuremarkers.model.tokenizer.BpeTokenizer;
import org.treasuremarkers.model.tokenizer.BpeTrainer;

/**
 * bench/tokenizer: bytes per token of BPE vocabularies trained on the shared datasets' training rows, measured per
 * language on the held-out rows (the byte tokenizer is 1 byte per token by construction, template tags aside).
 * Rows: {@link SharedDatasetReaders#all} plus the SIB-200 sentences (more Japanese and Chinese); text = prompt +
 * "\n" + completion. Held-out: {@link HeldOutSplit} with the given percent and seed on the row id.
 */
public final class TokenizerBench {
  public static void main(String[] args) throws IOException {
    Path dir = Path.of(args.length > 0 ? args[0] : "../shared/datasets");
    int[] vocabSizes = Arrays.stream((args.length > 1 ? args[1] : "8192").split(",")).mapToInt(Integer::parseInt)
        .toArray();
    double heldoutPercent = args.length > 2 ? Double.parseDouble(args[2]) : 10;
    HeldOutSplit split = new HeldOutSplit(heldoutPercent, 7);

    Map<String, List<RawExample>> groups = groups(dir);
    List<String> training = new ArrayList<>();
    Map<String, List<String>> heldOut = new LinkedHashMap<>();
    for (Map.Entry<String, List<RawExample>> g : groups.entrySet()) {
      for (RawExample e : g.getValue()) {
        String text = e.prompt() + "\n" + e.completion();
        if (split.isHeldOut(e.id())) {
          heldOut.computeIfAbsent(g.getKey(), k -> new ArrayList<>()).add(text);
        } else {
          training.add(text);
        }
      }
    }
    long trainingBytes = training.stream().mapToLong(t -> t.getBytes(StandardCharsets.UTF_8).length).sum();
    System.out.printf(Locale.ROOT, "training rows %d (%.1f MB), held-out %.0f%% (seed 7)%n", training.size(),
        trainingBytes / 1e6, heldoutPercent);
    List<BpeTokenizer> tokenizers = new ArrayList<>();
    for (int size : vocabSizes) {
      long start = System.nanoTime();
      BpeTokenizer bpe = new BpeTrainer(TaxonomyLoader.loadDefault(), size).train(training);
      System.out.printf(Locale.ROOT, "vocab %d: trained in %.1f s (%d ids)%n", size,
          (System.nanoTime() - start) / 1e9, bpe.size());
      tokenizers.add(bpe);
    }
    StringBuilder header = new StringBuilder("| language (held-out rows) | rows | bytes |");
    StringBuilder rule = new StringBuilder("|---|---|---|");
    for (int size : vocabSizes) {
      header.append(" bytes/token, BPE ").append(size).append(" |");
      rule.append("---|");
    }
    // The median row at the default size when it is measured (else the first): what fits a seq_len window.
    int medianAt = Math.max(0, Arrays.stream(vocabSizes).boxed().toList().indexOf(BpeTrainer.DEFAULT_VOCAB_SIZE));
    header.append(" median row: bytes -> BPE ").append(vocabSizes[medianAt]).append(" tokens |");
    rule.append("---|");
    System.out.println(header);
    System.out.println(rule);
    for (Map.Entry<String, List<String>> g : heldOut.entrySet()) {
      long bytes = 0;
      int[] rowBytes = new int[g.getValue().size()];
      int i = 0;
      for (String t : g.getValue()) {
        rowBytes[i++] = t.getBytes(StandardCharsets.UTF_8).length;
        bytes += rowBytes[i - 1];
      }
      StringBuilder line = new StringBuilder(String.format(Locale.ROOT, "| %s | %d | %d |", g.getKey(),
          g.getValue().size(), bytes));
      int[] medianTokens = null;
      for (int v = 0; v < tokenizers.size(); v++) {
        BpeTokenizer bpe = tokenizers.get(v);
        long tokens = 0;
        int[] rowTokens = new int[g.getValue().size()];
        int k = 0;
        for (String t : g.getValue()) {
          rowTokens[k] = bpe.encode(t).length;
          tokens += rowTokens[k++];
        }
        medianTokens = v == medianAt ? rowTokens : medianTokens;
        line.append(String.format(Locale.ROOT, " %.2f |", (double) bytes / tokens));
      }
      line.append(String.format(Locale.ROOT, " %d -> %d |", median(rowBytes), median(medianTokens)));
      System.out.println(line);
    }
  }

  private static int median(int[] values) {
    int[] sorted = values.clone();
    Arrays.sort(sorted);
    return sorted.length == 0 ? 0 : sorted[sorted.length / 2];
  }

  /** Rows by language; code is HumanEval-X (prompt and solution are code) plus Code Alpaca. */
  static Map<String, List<RawExample>> groups(Path dir) throws IOException {
    Map<String, List<RawExample>> groups = new LinkedHashMap<>();
    Map<String, String> mgsm = Map.ofEntries(Map.entry("en", "English"), Map.entry("zh", "Chinese"),
        Map.entry("ja", "Japanese"), Map.entry("te", "Telugu"), Map.entry("bn", "Bengali"),
        Map.entry("de", "German"), Map.entry("es", "Spanish"), Map.entry("fr", "French"),
        Map.entry("ru", "Russian"), Map.entry("sw", "Swahili"), Map.entry("th", "Thai"));
    for (String lang : List.of("English", "Chinese", "Japanese", "Telugu", "code")) {
      groups.put(lang, new ArrayList<>());
    }
    for (RawExample e : SharedDatasetReaders.all(dir)) {
      String label = e.metadata().get(SharedDatasetReaders.LABEL);
      String group;
      if (e.dataset().startsWith("mgsm_")) {
        group = mgsm.get(label);
      } else if (e.dataset().startsWith("humaneval_") || e.dataset().contains("codealpaca")
          || e.dataset().equals("code_alpaca_2k")) {
        group = "code";
      } else if (e.dataset().equals("alpaca_zh_demo")) {
        group = "Chinese";
      } else {
        group = "English";
      }
      groups.computeIfAbsent(group, k -> new ArrayList<>()).add(e);
    }
    Map<String, String> sib = Map.of("eng_Latn", "English", "zho_Hans", "Chinese", "jpn_Jpan", "Japanese");
    for (Map.Entry<String, String> s : sib.entrySet()) {
      for (String part : List.of("train", "dev", "test")) {
        List<String> lines = Files.readAllLines(dir.resolve("sib200/" + s.getKey() + "/" + part + ".tsv"));
        for (String line : lines.subList(1, lines.size())) {
          String[] f = line.split("\t", 3);
          groups.get(s.getValue()).add(new RawExample("sib200_" + s.getKey() + "/" + part + "/" + f[0],
              "sib200_" + s.getKey(), f[2], "", null, Map.of(), Map.of()));
        }
      }
    }
    return groups;
  }
}
