package org.treasuremarkers.jobs.nightly;

/**
 * Called by {@link NightlyRun} when it reaches a named step ({@link #LOCKED}, {@link #ANNOTATED}, {@link #TRAINED},
 * {@link #BEFORE_PROMOTION}); fault tests use it to stop a run at a chosen point. Production runs pass
 * {@link #NONE}.
 */
@FunctionalInterface
public interface NightlyHooks {
  String LOCKED = "locked";
  String ANNOTATED = "annotated";
  String TRAINED = "trained";
  String BEFORE_PROMOTION = "before-promotion";

  NightlyHooks NONE = step -> {};

  void reached(String step);
}
