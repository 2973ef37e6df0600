package org.treasuremarkers.model.tokenizer;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;
import org.treasuremarkers.model.data.StableHash;

/**
 * The text of every file under ../shared/datasets, as strings: JSON and JSON-lines files give their string values
 * (escapes decoded, so Chinese stays Chinese), other files their lines; .gz is unpacked and a tar's entries read
 * one by one. A stable hash of (file, index) keeps at most {@code perFile} texts of each file, so the test is fast
 * and the same on every run.
 */
final class DatasetTexts {
  private static final ObjectMapper MAPPER = new ObjectMapper();

  private DatasetTexts() {}

  /** Sampled texts per file (relative path), files in name order. */
  static Map<String, List<String>> sample(Path dir, int perFile, long seed) {
    Map<String, List<String>> out = new LinkedHashMap<>();
    try (Stream<Path> files = Files.walk(dir)) {
      for (Path file : files.filter(Files::isRegularFile).sorted().toList()) {
        String name = dir.relativize(file).toString();
        for (Map.Entry<String, byte[]> entry : contents(name, Files.readAllBytes(file)).entrySet()) {
          out.put(entry.getKey(), pick(texts(entry.getKey(), entry.getValue()), perFile, seed, entry.getKey()));
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out;
  }

  /** The file's bytes, gunzipped; a tar becomes one entry per file inside it. */
  private static Map<String, byte[]> contents(String name, byte[] bytes) throws IOException {
    Map<String, byte[]> out = new LinkedHashMap<>();
    if (name.endsWith(".gz")) {
      try (InputStream in = new GZIPInputStream(new ByteArrayInputStream(bytes))) {
        bytes = in.readAllBytes();
      }
      name = name.substring(0, name.length() - 3);
    }
    if (isTar(bytes)) {
      for (int at = 0; at + 512 <= bytes.length && bytes[at] != 0; ) {
        String entry = new String(bytes, at, 100, StandardCharsets.UTF_8).replace("\0", "");
        long size = Long.parseLong(new String(bytes, at + 124, 12, StandardCharsets.US_ASCII).trim().replace("\0", ""), 8);
        char type = (char) bytes[at + 156];
        if (type == '0' || type == '\0') {
          out.put(name + "!" + entry, java.util.Arrays.copyOfRange(bytes, at + 512, at + 512 + (int) size));
        }
        at += 512 + (int) ((size + 511) / 512 * 512);
      }
      return out;
    }
    out.put(name, bytes);
    return out;
  }

  private static boolean isTar(byte[] b) {
    return b.length > 262 && new String(b, 257, 5, StandardCharsets.US_ASCII).equals("ustar");
  }

  private static List<String> texts(String name, byte[] bytes) {
    String text = new String(bytes, StandardCharsets.UTF_8);
    List<String> out = new ArrayList<>();
    String trimmed = text.stripLeading();
    if (name.endsWith(".json") || name.endsWith(".jsonl")) {
      try {
        if (name.endsWith(".json")) {
          strings(MAPPER.readTree(bytes), out);
        } else {
          for (String line : trimmed.split("\n")) {
            if (!line.isBlank()) {
              strings(MAPPER.readTree(line), out);
            }
          }
        }
        return out;
      } catch (IOException e) {
        out.clear(); // not JSON after all: its lines are text like any other
      }
    }
    out.addAll(List.of(text.split("\n", -1)));
    return out;
  }

  private static void strings(JsonNode node, List<String> out) {
    if (node.isTextual()) {
      out.add(node.asText());
    }
    node.elements().forEachRemaining(child -> strings(child, out));
  }

  private static List<String> pick(List<String> texts, int perFile, long seed, String name) {
    if (texts.size() <= perFile) {
      return texts;
    }
    List<String> picked = new ArrayList<>();
    double keep = (double) perFile / texts.size();
    for (int i = 0; i < texts.size() && picked.size() < perFile; i++) {
      if (StableHash.unit(seed, name + "#" + i) < keep) {
        picked.add(texts.get(i));
      }
    }
    return picked;
  }
}
