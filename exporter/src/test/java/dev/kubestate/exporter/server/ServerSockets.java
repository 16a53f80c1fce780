package dev.kubestate.exporter.server;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * Counts the TCP connections a local listener holds open, from the kernel's tables ({@code
 * /proc/net/tcp} and {@code tcp6}): connections on the listener's port that are established, or
 * whose client has closed while the server has not (CLOSE_WAIT, a leak if it stays).
 */
final class ServerSockets {

  private static final Path[] TABLES = {Path.of("/proc/net/tcp"), Path.of("/proc/net/tcp6")};

  private ServerSockets() {}

  /** Whether the kernel's tables can be read here (Linux). */
  static boolean available() {
    return Files.isReadable(TABLES[0]);
  }

  /** Connections of local port {@code port} in state ESTABLISHED or CLOSE_WAIT. */
  static int open(int port) {
    String local = String.format(Locale.ROOT, ":%04X", port);
    int n = 0;
    for (Path table : TABLES) {
      if (!Files.isReadable(table)) {
        continue;
      }
      List<String> lines;
      try {
        lines = Files.readAllLines(table);
      } catch (IOException e) {
        throw new IllegalStateException("cannot read " + table, e);
      }
      for (String line : lines.subList(1, lines.size())) {
        String[] f = line.trim().split("\\s+");
        if (f[1].endsWith(local) && (f[3].equals("01") || f[3].equals("08"))) {
          n++;
        }
      }
    }
    return n;
  }
}
