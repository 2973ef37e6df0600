package org.treasuremarkers.core.taxonomy;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.List;

/**
 * A decimal score (quality). Canonical form: exactly {@code scale} digits after the point, rounded half up,
 * so "3.5", "3.500" and 3.4999999 all render as "3.50" when the scale is 2.
 */
public record DecimalCategory(String name, String description, double min, double max, int scale)
    implements Category {

  @Override
  public List<String> values() {
    return List.of();
  }

  @Override
  public String canonical(String value) {
    double parsed;
    try {
      parsed = Double.parseDouble(value == null ? "" : value.strip());
    } catch (NumberFormatException e) {
      throw new InvalidMarkerException(
          "value '" + value + "' is not a number for marker '" + name + "'; allowed: " + allowed());
    }
    return canonical(parsed);
  }

  public String canonical(double value) {
    if (!Double.isFinite(value) || value < min || value > max) {
      throw new InvalidMarkerException(
          "value " + value + " is out of range for marker '" + name + "'; allowed: " + allowed());
    }
    return BigDecimal.valueOf(value).setScale(scale, RoundingMode.HALF_UP).toPlainString();
  }

  @Override
  public String allowed() {
    return "a number in [" + min + ", " + max + "] written with " + scale + " decimals";
  }
}
