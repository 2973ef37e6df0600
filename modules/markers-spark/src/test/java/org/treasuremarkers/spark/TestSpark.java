package org.treasuremarkers.spark;

import org.apache.spark.sql.SparkSession;

/**
 * One small embedded Spark session shared by the tests of this module: {@code local[2]}, no UI, few shuffle
 * partitions, so tests stay fast on a 2-core machine.
 */
public final class TestSpark {
  private static SparkSession session;

  private TestSpark() {}

  public static synchronized SparkSession session() {
    if (session == null) {
      session = SparkSession.builder()
          .master("local[2]")
          .appName("markers-spark-tests")
          .config("spark.ui.enabled", "false")
          .config("spark.sql.shuffle.partitions", "4")
          .config("spark.driver.host", "127.0.0.1")
          .config("spark.sql.session.timeZone", "UTC")
          .getOrCreate();
      session.sparkContext().setLogLevel("WARN");
    }
    return session;
  }
}
