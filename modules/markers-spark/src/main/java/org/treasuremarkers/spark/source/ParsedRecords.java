package org.treasuremarkers.spark.source;

import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/**
 * Columns of the parsed records: every input record once, with its position, a status (ok, blank,
 * rejected), the reason and message of a rejection, and for ok rows the raw example's fields.
 */
public final class ParsedRecords {
  public static final String DATASET = "dataset";
  public static final String FILE = "file";
  public static final String LINE = "line";
  public static final String ROW = "row";
  public static final String STATUS = "status";
  public static final String REASON = "reason";
  public static final String DETAIL = "detail";
  public static final String RAW = "raw";
  public static final String ID = "id";
  public static final String PROMPT = "prompt";
  public static final String COMPLETION = "completion";
  public static final String QUALITY = "quality";
  public static final String INPUT_MARKERS = "input_markers";
  public static final String DATASET_MARKERS = "dataset_markers";

  public static final String OK = "ok";
  public static final String BLANK = "blank";
  public static final String REJECTED = "rejected";

  public static final StructType SCHEMA = new StructType(new StructField[] {
      DataTypes.createStructField(DATASET, DataTypes.StringType, true),
      DataTypes.createStructField(FILE, DataTypes.StringType, false),
      DataTypes.createStructField(LINE, DataTypes.LongType, true),
      DataTypes.createStructField(ROW, DataTypes.LongType, true),
      DataTypes.createStructField(STATUS, DataTypes.StringType, false),
      DataTypes.createStructField(REASON, DataTypes.StringType, true),
      DataTypes.createStructField(DETAIL, DataTypes.StringType, true),
      DataTypes.createStructField(RAW, DataTypes.StringType, true),
      DataTypes.createStructField(ID, DataTypes.StringType, true),
      DataTypes.createStructField(PROMPT, DataTypes.StringType, true),
      DataTypes.createStructField(COMPLETION, DataTypes.StringType, true),
      DataTypes.createStructField(QUALITY, DataTypes.DoubleType, true),
      DataTypes.createStructField(INPUT_MARKERS,
          DataTypes.createMapType(DataTypes.StringType, DataTypes.StringType, false), true),
      DataTypes.createStructField(DATASET_MARKERS,
          DataTypes.createMapType(DataTypes.StringType, DataTypes.StringType, false), true),
  });

  private ParsedRecords() {}
}
