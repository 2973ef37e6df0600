package org.treasuremarkers.spark.inspect;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Arrays;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/** Finds and checks the columns of annotate-job output and prepared training sets, with errors that say what to fix. */
final class AnnotatedColumns {
  private AnnotatedColumns() {}

  /**
   * Reads {@code dir/examples} when it exists (the layout of annotate-job's output, examples/ next to stats/ and
   * report.json, and of train-job --prepare-only's, examples/ next to pipeline/), else Parquet files in {@code dir}.
   */
  static Dataset<Row> readParquet(SparkSession spark, String dir) {
    // Through Hadoop's FileSystem, so an hdfs:// or s3a:// folder works as well as a local one.
    Path root = new Path(dir);
    try {
      FileSystem fs = root.getFileSystem(spark.sparkContext().hadoopConfiguration());
      if (!fs.exists(root) || !fs.getFileStatus(root).isDirectory()) {
        throw new IllegalArgumentException("no such folder: " + dir
            + "; give annotate-job's --output folder (with examples/ inside) or a prepared training set folder");
      }
      Path examples = new Path(root, "examples");
      boolean nested = fs.exists(examples) && fs.getFileStatus(examples).isDirectory();
      return spark.read().parquet((nested ? examples : root).toString());
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + dir + ": " + e.getMessage(), e);
    }
  }

  static boolean has(Dataset<Row> rows, String column) {
    return Arrays.asList(rows.columns()).contains(column);
  }

  static void require(Dataset<Row> rows, String what, String... columns) {
    for (String column : columns) {
      if (!has(rows, column)) {
        throw new IllegalArgumentException(what + " has no column '" + column + "' (it has: "
            + String.join(", ", rows.columns()) + "); MarkerStats needs the columns of "
            + "datasets-schema/annotated-example.schema.json (and, for dropout, training-example.schema.json)");
      }
    }
  }
}
