package org.treasuremarkers.spark.source;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

/** Expands the paths and globs of the sources into files, through Hadoop's file systems (local, HDFS, S3...). */
public final class SourceFiles {
  private SourceFiles() {}

  /** Every file of every source, sorted by path within a source; a path matching nothing is an error. */
  public static List<InputFile> list(SourcesConfig config, Configuration hadoop) {
    List<InputFile> files = new ArrayList<>();
    for (SourceDefinition source : config.sources()) {
      for (String pattern : source.paths()) {
        files.addAll(expand(source, pattern, hadoop));
      }
    }
    return files;
  }

  private static List<InputFile> expand(SourceDefinition source, String pattern, Configuration hadoop) {
    try {
      Path path = new Path(pattern);
      FileSystem fs = path.getFileSystem(hadoop);
      FileStatus[] matches = fs.globStatus(path);
      List<InputFile> out = new ArrayList<>();
      if (matches != null) {
        for (FileStatus match : matches) {
          if (match.isDirectory()) {
            // a folder stands for the data files in it (Spark's own output has _SUCCESS and .crc files)
            for (FileStatus child : fs.listStatus(match.getPath())) {
              String name = child.getPath().getName();
              if (child.isFile() && !name.startsWith("_") && !name.startsWith(".")) {
                out.add(file(source, child));
              }
            }
          } else {
            out.add(file(source, match));
          }
        }
      }
      if (out.isEmpty()) {
        String who = source.name() == null ? "--input" : "source '" + source.name() + "'";
        throw new MissingInputException(who + ": no input file matches " + pattern
            + " (check the path; relative paths in a sources file start at its baseDir)");
      }
      out.sort(Comparator.comparing(InputFile::path));
      return out;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot list " + pattern + ": " + e.getMessage(), e);
    }
  }

  private static InputFile file(SourceDefinition source, FileStatus status) {
    return new InputFile(source.name(), status.getPath().toString(), status.getLen(), status.getModificationTime());
  }

  static List<String> paths(List<InputFile> files) {
    return Arrays.asList(files.stream().map(InputFile::path).toArray(String[]::new));
  }
}
