package org.treasuremarkers.core.taxonomy;

import java.io.Serializable;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * The marker categories of {@code conf/taxonomy.json}: the one vocabulary that annotation writes, dropout
 * removes, the template renders and generation parses back. Load it with {@link TaxonomyLoader}.
 *
 * <p>Serializable as its source text, so Spark can ship it to executors and rebuild it there.
 */
public final class Taxonomy implements Serializable {
  private static final long serialVersionUID = 1L;

  private final String source;
  private final String version;
  private final String sha256;
  private final byte[] json;
  private final transient Map<String, Category> categories;

  Taxonomy(String source, String version, String sha256, byte[] json, Map<String, Category> categories) {
    this.source = source;
    this.version = version;
    this.sha256 = sha256;
    this.json = json.clone();
    this.categories = Collections.unmodifiableMap(new LinkedHashMap<>(categories));
  }

  /** Where the taxonomy was read from (a path, or the packaged default). */
  public String source() {
    return source;
  }

  public String version() {
    return version;
  }

  /** SHA-256 of the taxonomy file's bytes, for reports and provenance. */
  public String sha256() {
    return sha256;
  }

  /** The file's bytes, to ship or persist the taxonomy exactly as read. */
  public byte[] json() {
    return json.clone();
  }

  /** Categories in file order. */
  public Map<String, Category> categories() {
    return categories;
  }

  public Set<String> names() {
    return categories.keySet();
  }

  public boolean has(String name) {
    return categories.containsKey(name);
  }

  /** The category called {@code name}; an unknown name gets an error listing the known ones. */
  public Category category(String name) {
    Category category = categories.get(name);
    if (category == null) {
      throw new InvalidMarkerException(
          "unknown marker '" + name + "'; the taxonomy (" + source + ") has: " + String.join(", ", names()));
    }
    return category;
  }

  /** Typed access, e.g. {@code category("length_bucket", BucketCategory.class)}. */
  public <T extends Category> T category(String name, Class<T> type) {
    Category category = category(name);
    if (!type.isInstance(category)) {
      throw new IllegalStateException("marker '" + name + "' in " + source + " is a "
          + category.getClass().getSimpleName() + ", not a " + type.getSimpleName());
    }
    return type.cast(category);
  }

  /** The canonical form of one marker value; throws {@link InvalidMarkerException} saying what is allowed. */
  public String canonical(String key, String value) {
    return category(key).canonical(value);
  }

  /** Canonical copy of a whole marker set, sorted by key. */
  public SortedMap<String, String> canonical(Map<String, String> markers) {
    SortedMap<String, String> out = new TreeMap<>();
    markers.forEach((k, v) -> out.put(k, canonical(k, v)));
    return out;
  }

  private Object readResolve() {
    return TaxonomyLoader.parse(source, json);
  }

  @Override
  public String toString() {
    return "Taxonomy(" + source + ", version " + version + ", " + categories.size() + " categories)";
  }
}
