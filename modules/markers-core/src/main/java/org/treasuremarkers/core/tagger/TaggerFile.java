package org.treasuremarkers.core.tagger;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The file format of one {@link LinearTagger} ({@code <marker>.tagger}), documented in models/tagger/README.md:
 * the 8 ASCII bytes {@code TMTAGGR1}; a big-endian int n and n bytes of UTF-8 JSON (marker, classes, buckets,
 * feature_version, threshold, bias, scales); then buckets x classes signed bytes, bucket-major. A weight is its
 * byte times its class's scale: 8 bits are plenty for a linear model's weights and keep the shipped file at a
 * quarter of float32.
 */
public final class TaggerFile {
  private static final byte[] MAGIC = "TMTAGGR1".getBytes(StandardCharsets.US_ASCII);
  private static final ObjectMapper JSON = new ObjectMapper();

  private TaggerFile() {}

  public static void write(LinearTagger tagger, OutputStream out) throws IOException {
    int nClasses = tagger.classes().size();
    float[] w = tagger.weights();
    float[] scales = new float[nClasses];
    for (int i = 0; i < w.length; i++) {
      int c = i % nClasses;
      scales[c] = Math.max(scales[c], Math.abs(w[i]) / 127f);
    }
    ObjectNode header = JSON.createObjectNode();
    header.put("marker", tagger.marker());
    header.putPOJO("classes", tagger.classes());
    header.put("buckets", tagger.buckets());
    header.put("feature_version", TextFeatures.VERSION);
    header.put("threshold", tagger.threshold());
    header.putPOJO("bias", tagger.bias());
    header.putPOJO("scales", scales);
    byte[] json = JSON.writeValueAsBytes(header);
    DataOutputStream data = new DataOutputStream(out);
    data.write(MAGIC);
    data.writeInt(json.length);
    data.write(json);
    byte[] q = new byte[w.length];
    for (int i = 0; i < w.length; i++) {
      float scale = scales[i % nClasses];
      q[i] = scale == 0 ? 0 : (byte) Math.round(w[i] / scale);
    }
    data.write(q);
    data.flush();
  }

  /** @param name where the bytes come from, for error messages */
  public static LinearTagger read(InputStream in, String name) throws IOException {
    DataInputStream data = new DataInputStream(in);
    byte[] magic = new byte[MAGIC.length];
    data.readFully(magic);
    if (!java.util.Arrays.equals(magic, MAGIC)) {
      throw new IOException(name + " is not a tagger file (it does not start with TMTAGGR1)");
    }
    byte[] json = new byte[data.readInt()];
    data.readFully(json);
    JsonNode header = JSON.readTree(json);
    int version = header.path("feature_version").asInt();
    if (version != TextFeatures.VERSION) {
      throw new IOException(name + " was trained with feature scheme " + version + " but this build reads scheme "
          + TextFeatures.VERSION + "; retrain it with ./run-cluster.sh train-tagger");
    }
    List<String> classes = new ArrayList<>();
    header.path("classes").forEach(c -> classes.add(c.asText()));
    int buckets = header.path("buckets").asInt();
    int nClasses = classes.size();
    float[] bias = floats(header.path("bias"));
    float[] scales = floats(header.path("scales"));
    byte[] q = new byte[buckets * nClasses];
    data.readFully(q);
    float[] w = new float[q.length];
    for (int i = 0; i < q.length; i++) {
      w[i] = q[i] * scales[i % nClasses];
    }
    return new LinearTagger(header.path("marker").asText(), classes, buckets, w, bias,
        header.path("threshold").asDouble());
  }

  private static float[] floats(JsonNode array) {
    float[] f = new float[array.size()];
    for (int i = 0; i < f.length; i++) {
      f[i] = (float) array.get(i).asDouble();
    }
    return f;
  }
}
