package org.treasuremarkers.core.annotate;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;
import org.treasuremarkers.core.json.InvalidConfigException;
import org.treasuremarkers.core.json.SchemaCheckedJson;
import org.treasuremarkers.core.taxonomy.InvalidMarkerException;
import org.treasuremarkers.core.taxonomy.Taxonomy;

/**
 * The patterns of {@code conf/annotation-rules.json}: task/domain rules, style rules and code_type profiles,
 * checked against {@code datasets-schema/annotation-rules.schema.json}; a pattern that does not compile is
 * refused with its JSON path. Immutable and thread-safe.
 */
public final class AnnotationRules {
  /** The packaged copy of {@code conf/annotation-rules.json}. */
  public static final String DEFAULT_RESOURCE = SchemaCheckedJson.CONF_RESOURCE_DIR + "annotation-rules.json";

  private static final SchemaCheckedJson SCHEMA = SchemaCheckedJson.forSchema("annotation-rules.schema.json");

  private final String source;
  private final String version;
  private final List<RegexRule> rules;
  private final List<RegexRule> style;
  private final FunctionWords functionWords;
  private final Map<String, CodeTypeProfile> codeTypes;
  private final double codeMinScore;
  private final double codeMinMargin;

  private AnnotationRules(String source, String version, List<RegexRule> rules, List<RegexRule> style,
      FunctionWords functionWords, Map<String, CodeTypeProfile> codeTypes, double codeMinScore, double codeMinMargin) {
    this.source = source;
    this.version = version;
    this.rules = List.copyOf(rules);
    this.style = List.copyOf(style);
    this.functionWords = functionWords;
    this.codeTypes = Collections.unmodifiableMap(new LinkedHashMap<>(codeTypes));
    this.codeMinScore = codeMinScore;
    this.codeMinMargin = codeMinMargin;
  }

  /** The rules that ship with the project. */
  public static AnnotationRules loadDefault() {
    return DefaultHolder.DEFAULT;
  }

  public static AnnotationRules load(Path file) {
    return parse(file.toString(), SchemaCheckedJson.fileBytes(file));
  }

  /** Parses rules JSON; {@code source} names the file in error messages. */
  public static AnnotationRules parse(String source, byte[] json) {
    JsonNode root = SCHEMA.read(source, json);
    List<RegexRule> rules = new ArrayList<>();
    JsonNode ruleArray = root.get("rules");
    for (int i = 0; i < ruleArray.size(); i++) {
      JsonNode r = ruleArray.get(i);
      rules.add(rule(source, "$.rules[" + i + "]", r, r.get("marker").asText()));
    }
    List<RegexRule> style = new ArrayList<>();
    JsonNode styleArray = root.get("style");
    for (int i = 0; i < styleArray.size(); i++) {
      style.add(rule(source, "$.style[" + i + "]", styleArray.get(i), "style"));
    }
    JsonNode code = root.get("codeTypes");
    Map<String, CodeTypeProfile> profiles = new LinkedHashMap<>();
    for (Iterator<Map.Entry<String, JsonNode>> it = code.get("languages").fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> e = it.next();
      profiles.put(e.getKey(), profile(source, "$.codeTypes.languages." + e.getKey(), e.getKey(), e.getValue()));
    }
    JsonNode fw = root.get("functionWords");
    Map<String, Set<String>> words = new LinkedHashMap<>();
    fw.get("languages").fields().forEachRemaining(e -> words.put(e.getKey(), lowerStrings(e.getValue())));
    FunctionWords functionWords = new FunctionWords(fw.get("minWords").asInt(), fw.get("minShare").asDouble(),
        fw.get("minDistinct").asInt(), words);
    return new AnnotationRules(source, root.get("version").asText(), rules, style, functionWords, profiles,
        code.get("minScore").asDouble(), code.get("minMargin").asDouble());
  }

  /**
   * Checks that every marker and value the rules set exists in {@code taxonomy}, so a typo in the rules file
   * fails when the annotators are built rather than on some row.
   */
  public void checkAgainst(Taxonomy taxonomy) {
    for (int i = 0; i < rules.size(); i++) {
      check(taxonomy, "$.rules[" + i + "]", rules.get(i).marker(), rules.get(i).value());
    }
    for (int i = 0; i < style.size(); i++) {
      check(taxonomy, "$.style[" + i + "]", "style", style.get(i).value());
    }
    for (String lang : functionWords.languages().keySet()) {
      check(taxonomy, "$.functionWords.languages." + lang, "lang", lang);
    }
    for (String codeType : codeTypes.keySet()) {
      check(taxonomy, "$.codeTypes.languages." + codeType, "code_type", codeType);
    }
  }

  private void check(Taxonomy taxonomy, String path, String marker, String value) {
    if (!taxonomy.has(marker)) {
      return; // a trimmed taxonomy switches the rule off, as MarkerBuilder does
    }
    try {
      taxonomy.canonical(marker, value);
    } catch (InvalidMarkerException e) {
      throw new InvalidConfigException(source, path, e.getMessage() + " (taxonomy " + taxonomy.source() + ")");
    }
  }

  public String source() {
    return source;
  }

  public String version() {
    return version;
  }

  /** task/domain/... rules in file order (priority order). */
  public List<RegexRule> rules() {
    return rules;
  }

  /** style rules in file order. */
  public List<RegexRule> style() {
    return style;
  }

  /** Function-word lists for the language detector's shortcut. */
  public FunctionWords functionWords() {
    return functionWords;
  }

  /** code_type profiles in file order. */
  public Map<String, CodeTypeProfile> codeTypes() {
    return codeTypes;
  }

  public double codeMinScore() {
    return codeMinScore;
  }

  public double codeMinMargin() {
    return codeMinMargin;
  }

  private static RegexRule rule(String source, String path, JsonNode node, String marker) {
    return new RegexRule(node.get("id").asText(), marker, node.get("value").asText(),
        RegexRule.Field.valueOf(node.get("field").asText().toUpperCase(Locale.ROOT)),
        compile(source, path + ".pattern", node.get("pattern").asText(), flags(node.get("flags"))));
  }

  private static CodeTypeProfile profile(String source, String path, String codeType, JsonNode node) {
    List<CodeTypeProfile.Signature> signatures = new ArrayList<>();
    JsonNode array = node.get("signatures");
    for (int i = 0; i < array.size(); i++) {
      JsonNode s = array.get(i);
      signatures.add(new CodeTypeProfile.Signature(
          compile(source, path + ".signatures[" + i + "].pattern", s.get("pattern").asText(), Pattern.MULTILINE),
          s.get("weight").asDouble()));
    }
    return new CodeTypeProfile(codeType, lowerStrings(node.get("fences")), lowerStrings(node.get("shebangs")), signatures);
  }

  private static Set<String> lowerStrings(JsonNode array) {
    Set<String> out = new LinkedHashSet<>();
    if (array != null) {
      array.forEach(n -> out.add(n.asText().toLowerCase(Locale.ROOT)));
    }
    return out;
  }

  private static int flags(JsonNode array) {
    int flags = 0;
    if (array != null) {
      for (JsonNode f : array) {
        flags |= switch (f.asText()) {
          case "CASE_INSENSITIVE" -> Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE;
          case "MULTILINE" -> Pattern.MULTILINE;
          case "DOTALL" -> Pattern.DOTALL;
          case "UNICODE_CASE" -> Pattern.UNICODE_CASE;
          case "COMMENTS" -> Pattern.COMMENTS;
          default -> throw new IllegalStateException("the schema admits only known flags");
        };
      }
    }
    return flags;
  }

  private static Pattern compile(String source, String path, String regex, int flags) {
    try {
      return Pattern.compile(regex, flags);
    } catch (PatternSyntaxException e) {
      throw new InvalidConfigException(source, path, "not a valid java.util.regex pattern: "
          + e.getDescription() + " near index " + e.getIndex() + " of " + regex);
    }
  }

  // Parsed once per JVM: every executor thread shares the same compiled patterns.
  private static final class DefaultHolder {
    static final AnnotationRules DEFAULT =
        parse("conf/annotation-rules.json (packaged)", SchemaCheckedJson.resourceBytes(DEFAULT_RESOURCE));
  }

  @Override
  public String toString() {
    return "AnnotationRules(" + source + ", version " + version + ", " + rules.size() + " rules, "
        + style.size() + " style rules, " + codeTypes.size() + " code types)";
  }
}
