package dev.kubestate.benchmarks;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A TCP forwarder on loopback that counts the bytes the upstream server sends its clients: what a
 * client behind it receives on the wire (HTTP headers, bodies, WebSocket frames), whatever the
 * protocol. One thread per direction per connection, 16 KiB buffers. Thread-safe.
 */
final class CountingProxy implements AutoCloseable {

  private static final int BUFFER = 16 * 1024;

  private final ServerSocket listener;
  private final String upstreamHost;
  private final int upstreamPort;
  private final AtomicLong received = new AtomicLong();

  /** Forwards to the host and port of {@code upstream} (an {@code http://host:port/} URL). */
  CountingProxy(String upstream) throws IOException {
    URI uri = URI.create(upstream);
    this.upstreamHost = uri.getHost();
    this.upstreamPort = uri.getPort();
    this.listener = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
    daemon(this::accept, "proxy-accept").start();
  }

  /** The URL clients use instead of the upstream's. */
  String url() {
    return "http://127.0.0.1:" + listener.getLocalPort() + "/";
  }

  /** Bytes the upstream has sent to clients so far. */
  long received() {
    return received.get();
  }

  private void accept() {
    while (!listener.isClosed()) {
      try {
        Socket client = listener.accept();
        Socket server = new Socket(upstreamHost, upstreamPort);
        daemon(() -> pump(client, server, null), "proxy-up").start();
        daemon(() -> pump(server, client, received), "proxy-down").start();
      } catch (IOException e) {
        return; // closed
      }
    }
  }

  /** Copies {@code from} to {@code to} until either ends, counting into {@code count} if given. */
  private static void pump(Socket from, Socket to, AtomicLong count) {
    byte[] buffer = new byte[BUFFER];
    try (InputStream in = from.getInputStream();
        OutputStream out = to.getOutputStream()) {
      for (int n; (n = in.read(buffer)) >= 0; ) {
        out.write(buffer, 0, n);
        out.flush();
        if (count != null) {
          count.addAndGet(n);
        }
      }
    } catch (IOException e) {
      // one side closed
    } finally {
      closeQuietly(from);
      closeQuietly(to);
    }
  }

  private static void closeQuietly(Socket s) {
    try {
      s.close();
    } catch (IOException e) {
      // already closed
    }
  }

  private static Thread daemon(Runnable r, String name) {
    Thread t = new Thread(r, name);
    t.setDaemon(true);
    return t;
  }

  @Override
  public void close() throws IOException {
    listener.close();
  }
}
