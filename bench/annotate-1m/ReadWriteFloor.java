import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * The floor of the annotate benchmark: read the same JSON lines with a plain Spark read (the raw-example columns)
 * and write them as Parquet, nothing else. Run as a single-file program: java ... ReadWriteFloor.java IN OUT MASTER
 */
public class ReadWriteFloor {
  public static void main(String[] args) {
    SparkSession spark = SparkSession.builder().appName("annotate-bench-floor").master(args[2])
        .config("spark.ui.enabled", "false").getOrCreate();
    long start = System.nanoTime();
    Dataset<Row> rows = spark.read()
        .schema("id STRING, dataset STRING, prompt STRING, completion STRING, markers MAP<STRING,STRING>")
        .json(args[0]);
    rows.write().partitionBy("dataset").parquet(args[1]);
    long written = spark.read().parquet(args[1]).count();
    System.out.printf("floor: wrote %d rows in %.1f s%n", written, (System.nanoTime() - start) / 1e9);
    spark.stop();
  }
}
