package dev.kubestate.exporter.webaccess;

import io.vertx.core.Vertx;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Supplier;

/**
 * Notices a change to the web config or a file it names: once a second, on a worker thread, the
 * files' contents are hashed and compared with the last look. Reading the contents rather than
 * modification times also catches Kubernetes' atomic Secret updates (a symlink swap) and a
 * rewrite within the same second. Small files only; thread-safe.
 */
final class ConfigWatch implements AutoCloseable {

  /** How often the files are looked at, in ms. */
  static final long PERIOD_MILLIS = 1000;

  private final Vertx vertx;
  private final Supplier<List<Path>> reload;
  private volatile List<Path> files;
  private volatile List<byte[]> seen;
  private volatile boolean checking;
  private final long timer;

  private ConfigWatch(Vertx vertx, List<Path> files, Supplier<List<Path>> reload) {
    this.vertx = vertx;
    this.reload = reload;
    this.files = files;
    this.seen = hashes(files);
    this.timer = vertx.setPeriodic(PERIOD_MILLIS, id -> tick());
  }

  /**
   * Watches {@code files}; on a change calls {@code reload} (on a worker), which returns the files
   * to watch from then on, or null to keep the current list.
   */
  static ConfigWatch start(Vertx vertx, List<Path> files, Supplier<List<Path>> reload) {
    return new ConfigWatch(vertx, files, reload);
  }

  private void tick() {
    if (checking) {
      return;
    }
    checking = true;
    vertx
        .executeBlocking(
            () -> {
              List<byte[]> now = hashes(files);
              if (!same(now, seen)) {
                List<Path> next = reload.get();
                if (next != null) {
                  files = next;
                  now = hashes(next);
                }
                seen = now;
              }
              return null;
            },
            false)
        .onComplete(r -> checking = false);
  }

  private static boolean same(List<byte[]> a, List<byte[]> b) {
    if (a.size() != b.size()) {
      return false;
    }
    for (int i = 0; i < a.size(); i++) {
      if (!Arrays.equals(a.get(i), b.get(i))) {
        return false;
      }
    }
    return true;
  }

  private static List<byte[]> hashes(List<Path> files) {
    List<byte[]> out = new ArrayList<>();
    for (Path f : files) {
      try {
        out.add(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(f)));
      } catch (IOException e) {
        out.add(new byte[0]);
      } catch (NoSuchAlgorithmException e) {
        throw new IllegalStateException("SHA-256 missing from the JDK", e);
      }
    }
    return out;
  }

  @Override
  public void close() {
    vertx.cancelTimer(timer);
  }
}
