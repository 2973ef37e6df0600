package org.treasuremarkers.spark.run;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Map;

/** What a finished annotate run did: totals, per-dataset counts, and the report it wrote. */
public record AnnotateResult(String output, RunCounts total, Map<String, RunCounts> datasets, ObjectNode report) {}
