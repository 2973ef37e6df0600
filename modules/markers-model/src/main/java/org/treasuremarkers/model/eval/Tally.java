package org.treasuremarkers.model.eval;

import com.fasterxml.jackson.databind.node.ObjectNode;

/** A count of hits out of a total, written as {"hits", "total", "rate"}. */
final class Tally {
  long hits;
  long total;

  void add(boolean hit) {
    total++;
    hits += hit ? 1 : 0;
  }

  void writeTo(ObjectNode node, String hitsName) {
    node.put(hitsName, hits);
    node.put("total", total);
    node.put("rate", total == 0 ? Double.NaN : hits / (double) total);
  }
}
