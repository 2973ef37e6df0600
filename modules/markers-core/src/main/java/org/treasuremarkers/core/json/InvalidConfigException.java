package org.treasuremarkers.core.json;

/**
 * A configuration file (taxonomy, annotation rules, sources, ...) that cannot be used. The message names the
 * file, the JSON path of the problem and what is allowed there.
 */
public final class InvalidConfigException extends IllegalArgumentException {
  private static final long serialVersionUID = 1L;

  public InvalidConfigException(String file, String jsonPath, String problem) {
    super(file + ": at " + jsonPath + ": " + problem);
  }

  public InvalidConfigException(String file, String problem, Throwable cause) {
    super(file + ": " + problem, cause);
  }
}
