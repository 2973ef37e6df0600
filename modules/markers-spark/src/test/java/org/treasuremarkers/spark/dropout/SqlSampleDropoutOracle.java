package org.treasuremarkers.spark.dropout;

import static org.apache.spark.sql.functions.array_sort;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.filter;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.map_filter;
import static org.apache.spark.sql.functions.map_keys;
import static org.apache.spark.sql.functions.not;
import static org.apache.spark.sql.functions.round;
import static org.apache.spark.sql.functions.size;
import static org.apache.spark.sql.functions.slice;
import static org.apache.spark.sql.functions.struct;
import static org.apache.spark.sql.functions.when;

import java.math.BigDecimal;
import java.util.Set;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.DecimalType;

/**
 * Sample-level dropout written as Spark SQL higher-order functions: the version SampleDropout replaced
 * (bench/dropout-1m.sh measured it slower), kept as an oracle that shares no code with SampleDropoutRule:
 * Spark's own xxhash64, array_sort of (rank, key) structs, and Spark's decimal round (half up).
 */
public final class SqlSampleDropoutOracle {
  private SqlSampleDropoutOracle() {}

  public static Dataset<Row> apply(Dataset<Row> afterDatasetDropout, long seed, double rate, Set<String> protectedKeys,
      Set<String> excludedKeys) {
    Column id = col("id");
    Column shown = col("prompt_markers");
    if (!excludedKeys.isEmpty()) {
      shown = map_filter(shown, (key, value) -> not(key.isin(excludedKeys.toArray())));
    }
    Column droppable = map_keys(shown);
    if (!protectedKeys.isEmpty()) {
      droppable = filter(droppable, key -> not(key.isin(protectedKeys.toArray())));
    }
    Column decimalRate = lit(new BigDecimal(Double.toString(rate))).cast(new DecimalType(20, 17));
    Column k = round(decimalRate.multiply(size(droppable)), 0).cast(DataTypes.IntegerType);
    Column ranked = array_sort(functions.transform(droppable, key -> struct(DropoutHash.rank(seed, id, key).as("rank"), key.as("key"))));
    Column dropped = functions.transform(slice(ranked, lit(1), k), entry -> entry.getField("key"));
    // Materialised once per row: inside the map_filter lambda it would be recomputed for every key.
    return afterDatasetDropout
        .withColumn("__dropped", dropped)
        .withColumn("dropout", when(size(col("__dropped")).gt(0), lit("sample")).otherwise(col("dropout")))
        .withColumn("prompt_markers", map_filter(shown, (key, value) -> not(functions.array_contains(col("__dropped"), key))))
        .drop("__dropped");
  }
}
