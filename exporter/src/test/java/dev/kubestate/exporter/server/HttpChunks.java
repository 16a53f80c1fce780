package dev.kubestate.exporter.server;

import java.nio.charset.StandardCharsets;

/** Decodes a raw HTTP/1.1 response with chunked transfer encoding into its body text. */
final class HttpChunks {

  private HttpChunks() {}

  static String body(byte[] response) {
    int i = indexOf(response, "\r\n\r\n", 0);
    if (i < 0) {
      throw new AssertionError("no end of headers");
    }
    String head = new String(response, 0, i, StandardCharsets.US_ASCII);
    if (!head.toLowerCase(java.util.Locale.ROOT).contains("transfer-encoding: chunked")) {
      throw new AssertionError("not chunked:\n" + head);
    }
    int pos = i + 4;
    java.io.ByteArrayOutputStream body = new java.io.ByteArrayOutputStream();
    while (true) {
      int eol = indexOf(response, "\r\n", pos);
      String hex = new String(response, pos, eol - pos, StandardCharsets.US_ASCII).trim();
      int size = Integer.parseInt(hex, 16);
      if (size == 0) {
        return body.toString(StandardCharsets.UTF_8);
      }
      body.write(response, eol + 2, size);
      pos = eol + 2 + size + 2;
    }
  }

  private static int indexOf(byte[] data, String needle, int from) {
    byte[] n = needle.getBytes(StandardCharsets.US_ASCII);
    outer:
    for (int i = from; i <= data.length - n.length; i++) {
      for (int j = 0; j < n.length; j++) {
        if (data[i + j] != n[j]) {
          continue outer;
        }
      }
      return i;
    }
    return -1;
  }
}
