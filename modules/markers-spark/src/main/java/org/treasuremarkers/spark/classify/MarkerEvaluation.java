package org.treasuremarkers.spark.classify;

import java.util.List;

/**
 * What the classifier of one marker learnt and how well it did on its held-out rows.
 *
 * @param trained false when there was too little to learn from (see {@code skipped})
 * @param skipped why no model was trained, or null
 * @param excludedClasses classes seen with fewer than minExamplesPerClass training rows: never predicted
 * @param accuracy correct / confident held-out predictions (the precision of what the model writes)
 * @param heldOutRows held-out rows scored (see {@link ClassEvaluation#heldOutRows()})
 * @param coverage confident / held-out rows scored
 */
public record MarkerEvaluation(String marker, boolean trained, String skipped, long trainingRows, long heldOutRows,
    long confident, long correct, Double accuracy, Double coverage, List<String> excludedClasses,
    List<ClassEvaluation> classes) {}
