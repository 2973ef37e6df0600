package org.treasuremarkers.spark.format;

import static org.apache.spark.sql.functions.array_join;
import static org.apache.spark.sql.functions.array_sort;
import static org.apache.spark.sql.functions.concat;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.map_entries;

import org.apache.spark.sql.Column;
import org.apache.spark.sql.functions;
import org.treasuremarkers.core.template.Template;

/**
 * {@link Template#render} as a Spark SQL expression, so formatting runs inside generated code instead of
 * converting every map to Java. Same layout: {@code <TEMPLATE>\n}, one {@code <key>value</key>\n} per
 * marker in key order, {@code </TEMPLATE>}.
 *
 * <p>It does not canonicalise: values are written as stored. annotate-job stores canonical values
 * (datasets-schema/annotated-example.schema.json), and on those the output is byte-identical to
 * Template.render (FormatterTest checks it on every category of the taxonomy). Keys sort by UTF-8 bytes
 * here and by UTF-16 units in Template; taxonomy keys are ASCII, where both orders agree.
 */
public final class TemplateColumn {
  private TemplateColumn() {}

  public static Column render(Column markers) {
    // Map keys are unique, so sorting the (key, value) entries sorts by key.
    Column lines = functions.transform(array_sort(map_entries(markers)), entry -> {
      Column key = entry.getField("key");
      return concat(lit("<"), key, lit(">"), entry.getField("value"), lit("</"), key, lit(">\n"));
    });
    return concat(lit(Template.OPEN + "\n"), array_join(lines, ""), lit(Template.CLOSE));
  }
}
