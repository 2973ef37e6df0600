package org.treasuremarkers.spark.dropout;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Map;
import java.util.TreeMap;
import org.apache.spark.ml.param.Param;
import org.apache.spark.ml.util.Identifiable;

/**
 * Dataset name -> rate, overriding a stage's default rate for the rows of that dataset. Saved as a JSON
 * object so a persisted pipeline keeps it; every rate is checked like {@link RateParam}.
 */
public final class RatesByDatasetParam extends Param<Map<String, Double>> {
  private static final long serialVersionUID = 1L;
  private static final ObjectMapper JSON = new ObjectMapper();

  public RatesByDatasetParam(Identifiable parent, String name, String doc) {
    super(parent, name, doc, value -> check(parent.uid(), name, value));
  }

  private static boolean check(String owner, String name, Map<String, Double> rates) {
    if (rates == null) {
      throw new IllegalArgumentException(owner + " parameter " + name + " must be a map, got null");
    }
    rates.forEach((dataset, rate) -> {
      if (dataset == null || dataset.isEmpty()) {
        throw new IllegalArgumentException(owner + " parameter " + name + " has an empty dataset name");
      }
      if (rate == null) {
        throw new IllegalArgumentException(owner + " parameter " + name + "['" + dataset + "'] is null; give a number in [0, 1]");
      }
      RateParam.check(owner, name + "['" + dataset + "']", rate);
    });
    return true;
  }

  @Override
  public String jsonEncode(Map<String, Double> value) {
    try {
      return JSON.writeValueAsString(new TreeMap<>(value));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  @Override
  public Map<String, Double> jsonDecode(String json) {
    try {
      return new TreeMap<>(JSON.readValue(json, new TypeReference<Map<String, Double>>() {}));
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("parameter " + name() + " cannot be read from " + json + ": " + e.getOriginalMessage(), e);
    }
  }
}
