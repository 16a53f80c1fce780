package dev.kubestate.exporter.server;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.zip.GZIPInputStream;

/**
 * HTTP/1.1 over a plain socket, for requests {@code java.net.http} refuses to send (bare
 * {@code ;} headers, garbage methods, huge lines) and for reading responses exactly as sent: one
 * request per connection ({@code Connection: close}), the response read to the end (chunked,
 * {@code Content-Length} or close-delimited), gzip or deflate undone when the response says so.
 */
final class RawHttp {

  /**
   * One response.
   *
   * @param status the status code, or -1 when the connection closed without a status line
   * @param headers header names in lower case to their last value
   * @param body the body, gzip undone
   */
  record Response(int status, Map<String, String> headers, byte[] body) {
    String text() {
      return new String(body, StandardCharsets.UTF_8);
    }
  }

  private RawHttp() {}

  /** {@code GET path} with the given extra header lines ({@code "Name: value"}). */
  static Response get(int port, String path, String... headers) throws IOException {
    StringBuilder b = new StringBuilder("GET ").append(path).append(" HTTP/1.1\r\n");
    b.append("Host: localhost\r\n");
    for (String h : headers) {
      b.append(h).append("\r\n");
    }
    b.append("Connection: close\r\n\r\n");
    return exchange(port, b.toString().getBytes(StandardCharsets.ISO_8859_1), 20_000);
  }

  /** Sends {@code request} as is and reads the response; fails after {@code timeoutMillis}. */
  static Response exchange(int port, byte[] request, int timeoutMillis) throws IOException {
    return exchange(port, request, timeoutMillis, false);
  }

  /** As {@link #exchange(int, byte[], int)}; {@code head}: the request is a HEAD. */
  static Response exchange(int port, byte[] request, int timeoutMillis, boolean head)
      throws IOException {
    try (Socket socket = new Socket()) {
      socket.setSoTimeout(timeoutMillis);
      socket.connect(new InetSocketAddress("127.0.0.1", port), timeoutMillis);
      socket.getOutputStream().write(request);
      socket.getOutputStream().flush();
      return read(new java.io.BufferedInputStream(socket.getInputStream(), 65536), head);
    }
  }

  static Response read(InputStream in) throws IOException {
    return read(in, false);
  }

  /** Reads one response; a response to {@code HEAD} has no body whatever its headers say. */
  static Response read(InputStream in, boolean head) throws IOException {
    String statusLine = line(in);
    if (statusLine == null) {
      return new Response(-1, Map.of(), new byte[0]);
    }
    String[] status = statusLine.split(" ", 3);
    if (status.length < 2 || !status[0].startsWith("HTTP/")) {
      throw new IOException("not a status line: " + statusLine);
    }
    Map<String, String> headers = new LinkedHashMap<>();
    for (String h; (h = line(in)) != null && !h.isEmpty(); ) {
      int colon = h.indexOf(':');
      headers.put(h.substring(0, colon).trim().toLowerCase(Locale.ROOT), h.substring(colon + 1).trim());
    }
    byte[] body;
    if (head) {
      body = new byte[0];
    } else if ("chunked".equalsIgnoreCase(headers.get("transfer-encoding"))) {
      body = chunked(in);
    } else if (headers.containsKey("content-length")) {
      body = in.readNBytes(Integer.parseInt(headers.get("content-length")));
    } else {
      body = in.readAllBytes();
    }
    String encoding = headers.getOrDefault("content-encoding", "");
    if (encoding.equalsIgnoreCase("gzip")) {
      try (InputStream gz = new GZIPInputStream(new java.io.ByteArrayInputStream(body))) {
        body = gz.readAllBytes();
      }
    } else if (encoding.equalsIgnoreCase("deflate")) {
      try (InputStream z =
          new java.util.zip.InflaterInputStream(new java.io.ByteArrayInputStream(body))) {
        body = z.readAllBytes();
      }
    }
    return new Response(Integer.parseInt(status[1]), headers, body);
  }

  private static byte[] chunked(InputStream in) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    while (true) {
      String size = line(in);
      if (size == null) {
        throw new IOException("chunked body cut off after " + out.size() + " bytes");
      }
      int n = Integer.parseInt(size.split(";", 2)[0].trim(), 16);
      if (n == 0) {
        while (true) {
          String trailer = line(in);
          if (trailer == null || trailer.isEmpty()) {
            return out.toByteArray();
          }
        }
      }
      byte[] chunk = in.readNBytes(n);
      if (chunk.length != n) {
        throw new IOException("chunk cut off after " + out.size() + " bytes");
      }
      out.write(chunk);
      line(in);
    }
  }

  /** A CRLF-terminated line without its CRLF; null at the end of the stream. */
  private static String line(InputStream in) throws IOException {
    ByteArrayOutputStream b = new ByteArrayOutputStream();
    for (int c; (c = in.read()) >= 0; ) {
      if (c == '\n') {
        byte[] bytes = b.toByteArray();
        int len = bytes.length > 0 && bytes[bytes.length - 1] == '\r' ? bytes.length - 1 : bytes.length;
        return new String(bytes, 0, len, StandardCharsets.ISO_8859_1);
      }
      b.write(c);
    }
    return b.size() == 0 ? null : b.toString(StandardCharsets.ISO_8859_1);
  }
}
