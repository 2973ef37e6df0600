package org.treasuremarkers.jobs.nightly;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.Optional;

/**
 * One nightly run at a time per state folder: an OS lock ({@link FileChannel#tryLock}) on {@code nightly.lock},
 * whose content says who holds it (pid, host, start time) for the message the refused run prints.
 *
 * <p>Stale locks: the OS drops the lock when its process dies, however it dies (kill -9 included), so a lock file
 * left behind by a dead run holds no lock; the next run takes it over and reports the previous holder's line as
 * stale. The file itself is never deleted (deleting it would let two runs lock two different files). OS file locks
 * are only as good as the file system's: keep the state folder on a local disk or a volume with working POSIX
 * locks (not every NFS setup has them).
 */
final class NightlyLock implements AutoCloseable {
  static final String FILE = "nightly.lock";

  private final FileChannel channel;
  private final FileLock lock;
  private final String previousHolder;

  private NightlyLock(FileChannel channel, FileLock lock, String previousHolder) {
    this.channel = channel;
    this.lock = lock;
    this.previousHolder = previousHolder;
  }

  /** Thrown when another run holds the lock. */
  static final class HeldException extends RuntimeException {
    HeldException(Path file, String holder) {
      super("another nightly run holds " + file + " (" + (holder.isBlank() ? "holder unknown" : holder)
          + "); this run exits without doing anything. If no such process is alive, the lock is already free and"
          + " the next run takes it over");
    }
  }

  static NightlyLock acquire(Path stateDir) {
    Path file = stateDir.resolve(FILE);
    FileChannel channel = null;
    try {
      Files.createDirectories(stateDir);
      channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE);
      String holder = read(channel);
      FileLock lock;
      try {
        lock = channel.tryLock();
      } catch (OverlappingFileLockException e) {
        lock = null; // held by this very JVM (a second run started in-process)
      }
      if (lock == null) {
        channel.close();
        throw new HeldException(file, holder);
      }
      String me = "pid " + ProcessHandle.current().pid() + " on " + host() + " since " + Instant.now();
      channel.truncate(0);
      channel.write(ByteBuffer.wrap((me + "\n").getBytes(StandardCharsets.UTF_8)), 0);
      channel.force(true);
      return new NightlyLock(channel, lock, holder);
    } catch (IOException e) {
      try {
        if (channel != null) {
          channel.close();
        }
      } catch (IOException ignored) {
        // the original problem is the one to report
      }
      throw new UncheckedIOException("cannot lock " + file, e);
    }
  }

  /** The holder line a dead earlier run left in the lock file, if any. */
  Optional<String> staleHolder() {
    return previousHolder.isBlank() ? Optional.empty() : Optional.of(previousHolder);
  }

  private static String read(FileChannel channel) throws IOException {
    ByteBuffer buffer = ByteBuffer.allocate((int) Math.min(4096, channel.size()));
    channel.read(buffer, 0);
    return new String(buffer.array(), 0, buffer.position(), StandardCharsets.UTF_8).strip();
  }

  private static String host() {
    try {
      return InetAddress.getLocalHost().getHostName();
    } catch (IOException e) {
      return "unknown host";
    }
  }

  @Override
  public void close() {
    try {
      // Emptied on a clean exit: a holder line in the file then always means a run that died.
      channel.truncate(0);
      lock.release();
      channel.close();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
