package org.treasuremarkers.core.annotate;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.treasuremarkers.core.example.RawExample;

/**
 * {@code code_type}: the programming language of the example's code, from (in this order)
 * <ol>
 *   <li>the info strings of fenced code blocks ({@code ```python}), completion before prompt;</li>
 *   <li>a shebang line ({@code #!/usr/bin/env python3}) opening the completion, the prompt or a block;</li>
 *   <li>the code's own syntax: every language's signatures ({@code codeTypes} of
 *       {@code conf/annotation-rules.json}) are searched in the code (the fenced blocks when there are some,
 *       else completion and prompt); each signature found adds its weight once.</li>
 * </ol>
 * The syntax guess is kept only when confident: the best score reaches {@code minScore} and leads the
 * runner-up by {@code minMargin} of itself. Text without a code-like line is not scored at all. File names and
 * ids are never looked at.
 */
public final class CodeTypeAnnotator implements Annotator {
  /** Characters of code scored; the first few kilobytes show the language as well as the whole file. */
  static final int MAX_CODE_CHARS = 4000;

  private final List<CodeTypeProfile> profiles;
  private final Map<String, String> byFence = new HashMap<>();
  private final Map<String, String> byShebang = new HashMap<>();
  private final double minScore;
  private final double minMargin;
  // Literals each signature needs (one of), found in one pass, so most regexes are never run on a text.
  private final LiteralScanner literals;
  private final int[][][] needs; // [profile][signature] -> literal ids, or null: always run
  // Where each signature's matches can start, or null: searched everywhere (see LeadingLiterals).
  private final LeadingLiterals[][] leading;

  public CodeTypeAnnotator(AnnotationRules rules) {
    this.profiles = List.copyOf(rules.codeTypes().values());
    for (CodeTypeProfile p : profiles) {
      p.fences().forEach(f -> byFence.putIfAbsent(f, p.codeType()));
      p.shebangs().forEach(s -> byShebang.putIfAbsent(s, p.codeType()));
    }
    this.minScore = rules.codeMinScore();
    this.minMargin = rules.codeMinMargin();
    List<String> all = new ArrayList<>();
    Map<String, Integer> ids = new HashMap<>();
    this.needs = new int[profiles.size()][][];
    this.leading = new LeadingLiterals[profiles.size()][];
    for (int p = 0; p < profiles.size(); p++) {
      List<CodeTypeProfile.Signature> signatures = profiles.get(p).signatures();
      needs[p] = new int[signatures.size()][];
      leading[p] = new LeadingLiterals[signatures.size()];
      for (int s = 0; s < signatures.size(); s++) {
        leading[p][s] = LeadingLiterals.of(signatures.get(s).pattern());
        Set<String> required = RequiredLiterals.of(signatures.get(s).pattern().pattern());
        if (!required.isEmpty() && (signatures.get(s).pattern().flags() & Pattern.CASE_INSENSITIVE) == 0) {
          needs[p][s] = required.stream().mapToInt(l -> ids.computeIfAbsent(l, k -> {
            all.add(k);
            return all.size() - 1;
          })).toArray();
        }
      }
    }
    this.literals = new LiteralScanner(all);
  }

  @Override
  public void annotate(RawExample example, MarkerBuilder markers) {
    if (markers.has("code_type") || !markers.taxonomy().has("code_type")) {
      return;
    }
    String codeType = codeTypeOf(example.prompt(), example.completion());
    if (codeType != null) {
      markers.propose("code_type", codeType);
    }
  }

  /** The code type of an example, or null when it has no code or the guess is not confident. */
  public String codeTypeOf(String prompt, String completion) {
    String p = prompt == null ? "" : prompt;
    String c = completion == null ? "" : completion;
    List<FencedCodeBlocks.Block> blocks = new ArrayList<>(FencedCodeBlocks.of(c));
    blocks.addAll(FencedCodeBlocks.of(p));
    for (FencedCodeBlocks.Block b : blocks) {
      String byInfo = byFence.get(b.info());
      if (byInfo != null) {
        return byInfo;
      }
    }
    String shebang = shebang(c);
    if (shebang == null) {
      shebang = shebang(p);
    }
    for (int i = 0; shebang == null && i < blocks.size(); i++) {
      shebang = shebang(blocks.get(i).code());
    }
    if (shebang != null) {
      return shebang;
    }
    String code;
    if (!blocks.isEmpty()) {
      StringBuilder sb = new StringBuilder();
      blocks.forEach(b -> sb.append(b.code()).append('\n'));
      code = sb.toString();
    } else {
      code = c + "\n" + p;
      if (!hasCodeLines(code)) {
        return null;
      }
    }
    return bySyntax(code.length() > MAX_CODE_CHARS ? code.substring(0, MAX_CODE_CHARS) : code);
  }

  /** The best language by signature score, or null when below {@code minScore} or not clearly ahead. */
  public String bySyntax(String code) {
    boolean[] found = literals.scan(code);
    String best = null;
    double bestScore = 0;
    double second = 0;
    for (int p = 0; p < profiles.size(); p++) {
      CodeTypeProfile profile = profiles.get(p);
      double score = score(p, code, found);
      if (score > bestScore) {
        second = bestScore;
        bestScore = score;
        best = profile.codeType();
      } else if (score > second) {
        second = score;
      }
    }
    if (best == null || bestScore < minScore || bestScore - second < minMargin * bestScore) {
      return null;
    }
    return best;
  }

  /**
   * Scores of every language; with {@code prefilter} false every regex runs with a plain {@code find()}, which must
   * give the same scores (the literal prefilter only skips regexes that cannot match, and the leading literals only
   * skip positions where no match can start).
   */
  public Map<String, Double> scores(String code, boolean prefilter) {
    boolean[] found = prefilter ? literals.scan(code) : null;
    Map<String, Double> out = new HashMap<>();
    for (int p = 0; p < profiles.size(); p++) {
      out.put(profiles.get(p).codeType(), score(p, code, found));
    }
    return out;
  }

  private double score(int p, String code, boolean[] found) {
    List<CodeTypeProfile.Signature> signatures = profiles.get(p).signatures();
    double score = 0;
    for (int s = 0; s < signatures.size(); s++) {
      if (found != null && !anyFound(needs[p][s], found)) {
        continue;
      }
      Pattern pattern = signatures.get(s).pattern();
      boolean occurs = found != null && leading[p][s] != null ? leading[p][s].find(pattern, code)
          : pattern.matcher(code).find();
      if (occurs) {
        score += signatures.get(s).weight();
      }
    }
    return score;
  }

  private static boolean anyFound(int[] ids, boolean[] found) {
    if (ids == null) {
      return true;
    }
    for (int id : ids) {
      if (found[id]) {
        return true;
      }
    }
    return false;
  }

  private String shebang(String text) {
    String t = text.stripLeading();
    if (!t.startsWith("#!")) {
      return null;
    }
    int end = t.indexOf('\n');
    String[] parts = (end < 0 ? t.substring(2) : t.substring(2, end)).trim().split("\\s+");
    if (parts.length == 0 || parts[0].isEmpty()) {
      return null;
    }
    String interpreter = parts[0].substring(parts[0].lastIndexOf('/') + 1);
    if (interpreter.equals("env") && parts.length > 1) {
      interpreter = parts[parts[1].startsWith("-") && parts.length > 2 ? 2 : 1];
    }
    return byShebang.get(interpreter.toLowerCase(Locale.ROOT));
  }

  // A line that looks like code (Prose's test) before any signature is searched: prose costs one pass.
  private static boolean hasCodeLines(String text) {
    int pos = 0;
    int n = text.length();
    while (pos < n && pos < MAX_CODE_CHARS * 2) {
      int end = text.indexOf('\n', pos);
      if (end < 0) {
        end = n;
      }
      if (Prose.isCodeLine(text.substring(pos, end))) {
        return true;
      }
      pos = end + 1;
    }
    return false;
  }
}
