package org.treasuremarkers.spark.format;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.concat;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.size;
import static org.apache.spark.sql.functions.udf;
import static org.apache.spark.sql.functions.when;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.api.java.UDF1;
import org.apache.spark.sql.expressions.UserDefinedFunction;
import org.apache.spark.sql.types.DataTypes;
import org.treasuremarkers.core.taxonomy.Taxonomy;
import org.treasuremarkers.core.template.Template;
import scala.collection.JavaConverters;

/** Formatter's layout with templates rendered by core Template.render in a Java UDF: the alternative DropoutBenchmark measures. */
public final class TemplateUdfFormatter {
  private TemplateUdfFormatter() {}

  public static Dataset<Row> apply(Dataset<Row> input, Taxonomy taxonomy) {
    UserDefinedFunction render = udf((UDF1<scala.collection.Map<String, String>, String>)
        m -> new Template(taxonomy).render(JavaConverters.mapAsJavaMap(m)), DataTypes.StringType);
    return input
        .withColumn("input_text", when(size(col("prompt_markers")).equalTo(0), col("prompt"))
            .otherwise(concat(col("prompt"), lit("\n"), render.apply(col("prompt_markers")))))
        .withColumn("target_text", concat(render.apply(col("markers")), lit("\n"), col("completion")));
  }
}
