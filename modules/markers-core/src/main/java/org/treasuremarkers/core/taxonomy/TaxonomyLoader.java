package org.treasuremarkers.core.taxonomy;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.treasuremarkers.core.json.InvalidConfigException;
import org.treasuremarkers.core.json.SchemaCheckedJson;

/**
 * Loads and checks a taxonomy file: first against {@code datasets-schema/taxonomy.schema.json} (unknown keys,
 * duplicate values, types), then the rules a schema cannot say (cut-offs that increase, references between
 * categories).
 */
public final class TaxonomyLoader {
  /** The packaged copy of {@code conf/taxonomy.json}. */
  public static final String DEFAULT_RESOURCE = SchemaCheckedJson.CONF_RESOURCE_DIR + "taxonomy.json";

  private static final SchemaCheckedJson SCHEMA = SchemaCheckedJson.forSchema("taxonomy.schema.json");

  private TaxonomyLoader() {}

  /** The taxonomy that ships with the project. */
  public static Taxonomy loadDefault() {
    return parse("conf/taxonomy.json (packaged)", SchemaCheckedJson.resourceBytes(DEFAULT_RESOURCE));
  }

  public static Taxonomy load(Path file) {
    return parse(file.toString(), SchemaCheckedJson.fileBytes(file));
  }

  /** Parses taxonomy JSON; {@code source} names the file in error messages. */
  public static Taxonomy parse(String source, byte[] json) {
    JsonNode root = SCHEMA.read(source, json);
    Map<String, Category> categories = new LinkedHashMap<>();
    JsonNode cats = root.get("categories");
    for (Iterator<Map.Entry<String, JsonNode>> it = cats.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> e = it.next();
      categories.put(e.getKey(), category(source, e.getKey(), e.getValue()));
    }
    checkReferences(source, categories);
    return new Taxonomy(source, root.get("version").asText(), sha256(json), json, categories);
  }

  private static Category category(String source, String name, JsonNode node) {
    String description = node.path("description").asText("");
    String path = "$.categories." + name;
    return switch (node.get("type").asText()) {
      case "categorical" -> new CategoricalCategory(name, description, strings(node.get("values")));
      case "integer" -> {
        long min = node.path("min").asLong(Long.MIN_VALUE);
        long max = node.has("max") ? node.get("max").asLong() : Long.MAX_VALUE;
        if (min > max) {
          throw new InvalidConfigException(source, path, "min " + min + " is above max " + max + "; min must be <= max");
        }
        yield new IntegerCategory(name, description, min, max);
      }
      case "decimal" -> {
        double min = node.path("min").asDouble(-Double.MAX_VALUE);
        double max = node.has("max") ? node.get("max").asDouble() : Double.MAX_VALUE;
        if (min > max) {
          throw new InvalidConfigException(source, path, "min " + min + " is above max " + max + "; min must be <= max");
        }
        yield new DecimalCategory(name, description, min, max, node.get("scale").asInt());
      }
      case "bucket" -> new BucketCategory(name, description, node.get("of").asText(), buckets(source, path, node.get("buckets")));
      case "quantile" -> new QuantileCategory(name, description, node.get("of").asText(),
          node.has("per") ? node.get("per").asText() : null, strings(node.get("values")));
      default -> throw new IllegalStateException("the schema admits only known types");
    };
  }

  private static List<BucketCategory.Bucket> buckets(String source, String path, JsonNode array) {
    List<BucketCategory.Bucket> buckets = new ArrayList<>();
    long previous = Long.MIN_VALUE;
    List<String> seen = new ArrayList<>();
    for (int i = 0; i < array.size(); i++) {
      JsonNode b = array.get(i);
      String at = path + ".buckets[" + i + "]";
      String value = b.get("value").asText();
      if (seen.contains(value)) {
        throw new InvalidConfigException(source, at + ".value", "duplicate value '" + value + "'; every bucket needs its own value");
      }
      seen.add(value);
      boolean last = i == array.size() - 1;
      if (last) {
        if (b.has("max")) {
          throw new InvalidConfigException(source, at + ".max",
              "the last bucket must be open (no max) so every length has a bucket; remove max " + b.get("max"));
        }
        buckets.add(new BucketCategory.Bucket(value, Long.MAX_VALUE));
      } else {
        if (!b.has("max")) {
          throw new InvalidConfigException(source, at, "bucket '" + value + "' needs a max (inclusive cut-off); only the last bucket is open");
        }
        long max = b.get("max").asLong();
        if (max <= previous) {
          throw new InvalidConfigException(source, at + ".max",
              "cut-off " + max + " is not above the previous cut-off " + previous + "; cut-offs must increase strictly");
        }
        previous = max;
        buckets.add(new BucketCategory.Bucket(value, max));
      }
    }
    return buckets;
  }

  private static void checkReferences(String source, Map<String, Category> categories) {
    categories.forEach((name, category) -> {
      if (category instanceof BucketCategory b && !(categories.get(b.of()) instanceof IntegerCategory)) {
        throw new InvalidConfigException(source, "$.categories." + name + ".of",
            "'" + b.of() + "' must name an integer category of this taxonomy");
      }
      if (category instanceof QuantileCategory q) {
        if (!(categories.get(q.of()) instanceof DecimalCategory)) {
          throw new InvalidConfigException(source, "$.categories." + name + ".of",
              "'" + q.of() + "' must name a decimal category of this taxonomy");
        }
        if (q.per() != null && !(categories.get(q.per()) instanceof CategoricalCategory)) {
          throw new InvalidConfigException(source, "$.categories." + name + ".per",
              "'" + q.per() + "' must name a categorical category of this taxonomy");
        }
      }
    });
  }

  private static List<String> strings(JsonNode array) {
    List<String> out = new ArrayList<>();
    array.forEach(n -> out.add(n.asText()));
    return out;
  }

  private static String sha256(byte[] bytes) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
