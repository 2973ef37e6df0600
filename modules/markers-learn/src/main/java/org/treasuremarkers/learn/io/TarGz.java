package org.treasuremarkers.learn.io;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The regular files of a .tar.gz (ustar headers, as GNU tar writes them for MMLU and CMMLU): enough to read the
 * subject CSVs without a compression library on the class path.
 */
public final class TarGz {
  private TarGz() {}

  /** File name (without folders) -> UTF-8 content, in archive order. */
  public static Map<String, String> textFiles(Path archive) {
    Map<String, String> files = new LinkedHashMap<>();
    try (InputStream in = TextFiles.open(archive)) {
      byte[] header = new byte[512];
      while (in.readNBytes(header, 0, 512) == 512) {
        String name = field(header, 0, 100);
        if (name.isEmpty()) {
          break; // the two zero blocks that end the archive
        }
        String prefix = field(header, 345, 155);
        long size = Long.parseLong(field(header, 124, 12).trim().isEmpty() ? "0" : field(header, 124, 12).trim(), 8);
        byte type = header[156];
        byte[] content = in.readNBytes((int) size);
        in.skipNBytes((512 - size % 512) % 512);
        if (type == '0' || type == 0) {
          String full = prefix.isEmpty() ? name : prefix + "/" + name;
          files.put(full.substring(full.lastIndexOf('/') + 1), TextFiles.stripBom(
              new String(content, StandardCharsets.UTF_8)));
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the archive " + archive, e);
    }
    return files;
  }

  private static String field(byte[] header, int offset, int length) {
    int end = offset;
    while (end < offset + length && header[end] != 0) {
      end++;
    }
    return new String(header, offset, end - offset, StandardCharsets.US_ASCII);
  }
}
