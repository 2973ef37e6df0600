package org.treasuremarkers.spark.run;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

/**
 * The run's output folder on any Hadoop file system. It is claimed with a marker file first, so --overwrite only
 * ever deletes a folder an annotate run wrote (or an empty one), never someone's data.
 */
final class OutputFolder {
  static final String MARKER = "_ANNOTATE_JOB_OUTPUT";

  private final Path root;
  private final FileSystem fs;

  OutputFolder(String output, Configuration hadoop) {
    try {
      this.root = new Path(output);
      this.fs = root.getFileSystem(hadoop);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot open output " + output + ": " + e.getMessage(), e);
    }
  }

  String path(String child) {
    return new Path(root, child).toString();
  }

  /** Refuses an existing folder without overwrite; with it, deletes only a previous run's output. */
  void claim(boolean overwrite) {
    try {
      if (fs.exists(root)) {
        FileStatus[] children = fs.isDirectory(root) ? fs.listStatus(root) : null;
        boolean empty = children != null && children.length == 0;
        if (!overwrite && !empty) {
          throw new OutputExistsException("output " + root + " already exists; pass --overwrite to replace it, or"
              + " choose another --output");
        }
        if (!empty) {
          if (children == null || !fs.exists(new Path(root, MARKER))) {
            throw new OutputExistsException("output " + root + " exists and was not written by annotate-job (no "
                + MARKER + " in it); refusing to delete it even with --overwrite: choose another --output");
          }
          fs.delete(root, true);
        }
      }
      fs.mkdirs(root);
      write(MARKER, "written by annotate-job; --overwrite may replace this folder\n");
    } catch (IOException e) {
      throw new UncheckedIOException("cannot prepare output " + root + ": " + e.getMessage(), e);
    }
  }

  void write(String child, String text) {
    try (OutputStream out = fs.create(new Path(root, child), true)) {
      out.write(text.getBytes(StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + path(child) + ": " + e.getMessage(), e);
    }
  }
}
