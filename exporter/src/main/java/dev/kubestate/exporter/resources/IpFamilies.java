package dev.kubestate.exporter.resources;

/**
 * The address family of an IP address string, decided as Kubernetes' sloppy parser does (the parser
 * KSM uses for {@code kube_pod_ips}): dotted IPv4 (leading zeros allowed), IPv6 with at most one
 * {@code ::} and an optional trailing dotted IPv4, no zone. An IPv4-mapped IPv6 address ({@code
 * ::ffff:1.2.3.4}) is family 4. Never resolves host names. Stateless.
 */
final class IpFamilies {

  static final String IPV4 = "4";
  static final String IPV6 = "6";

  private static final int IPV6_BYTES = 16;

  private IpFamilies() {}

  /** {@code "4"}, {@code "6"}, or null when {@code ip} does not parse. */
  static String of(String ip) {
    if (ip == null) {
      return null;
    }
    for (int i = 0; i < ip.length(); i++) {
      char c = ip.charAt(i);
      if (c == '.') {
        return parseIpv4(ip, 0, null, 0) ? IPV4 : null;
      }
      if (c == ':') {
        byte[] bytes = new byte[IPV6_BYTES];
        if (!parseIpv6(ip, bytes)) {
          return null;
        }
        return isIpv4Mapped(bytes) ? IPV4 : IPV6;
      }
    }
    return null;
  }

  /**
   * Parses four decimal fields from {@code from} to the end of {@code s}, each at most 255; writes
   * them to {@code into[at..at+3]} when {@code into} is not null.
   */
  private static boolean parseIpv4(String s, int from, byte[] into, int at) {
    int i = from;
    for (int field = 0; field < 4; field++) {
      if (field > 0) {
        if (i >= s.length() || s.charAt(i) != '.') {
          return false;
        }
        i++;
      }
      int start = i;
      int n = 0;
      while (i < s.length() && isDigit(s.charAt(i))) {
        n = n * 10 + (s.charAt(i) - '0');
        if (n > 0xFF) {
          return false;
        }
        i++;
      }
      if (i == start) {
        return false;
      }
      if (into != null) {
        into[at + field] = (byte) n;
      }
    }
    return i == s.length();
  }

  /** Parses an IPv6 address into 16 bytes; false on any syntax error. */
  private static boolean parseIpv6(String s, byte[] ip) {
    int ellipsis = -1;
    int i = 0;
    int j = 0;
    if (s.startsWith("::")) {
      ellipsis = 0;
      i = 2;
      if (i == s.length()) {
        return true;
      }
    }
    while (j < IPV6_BYTES) {
      int start = i;
      int n = 0;
      while (i < s.length() && hexValue(s.charAt(i)) >= 0) {
        n = n * 16 + hexValue(s.charAt(i));
        if (n > 0xFFFF) {
          return false;
        }
        i++;
      }
      if (i == start) {
        return false;
      }
      if (i < s.length() && s.charAt(i) == '.') {
        if (ellipsis < 0 && j != IPV6_BYTES - 4) {
          return false;
        }
        if (j + 4 > IPV6_BYTES || !parseIpv4(s, start, ip, j)) {
          return false;
        }
        i = s.length();
        j += 4;
        break;
      }
      ip[j++] = (byte) (n >> 8);
      ip[j++] = (byte) n;
      if (i == s.length()) {
        break;
      }
      if (s.charAt(i) != ':' || i + 1 == s.length()) {
        return false;
      }
      i++;
      if (s.charAt(i) == ':') {
        if (ellipsis >= 0) {
          return false;
        }
        ellipsis = j;
        i++;
        if (i == s.length()) {
          break;
        }
      }
    }
    if (i != s.length()) {
      return false;
    }
    return expandEllipsis(ip, j, ellipsis);
  }

  /** Moves the bytes after {@code ::} to the end and zero-fills the gap. */
  private static boolean expandEllipsis(byte[] ip, int filled, int ellipsis) {
    if (filled < IPV6_BYTES) {
      if (ellipsis < 0) {
        return false;
      }
      int gap = IPV6_BYTES - filled;
      for (int k = filled - 1; k >= ellipsis; k--) {
        ip[k + gap] = ip[k];
      }
      for (int k = ellipsis + gap - 1; k >= ellipsis; k--) {
        ip[k] = 0;
      }
    } else if (ellipsis >= 0) {
      return false;
    }
    return true;
  }

  private static boolean isIpv4Mapped(byte[] ip) {
    for (int k = 0; k < 10; k++) {
      if (ip[k] != 0) {
        return false;
      }
    }
    return ip[10] == (byte) 0xFF && ip[11] == (byte) 0xFF;
  }

  private static boolean isDigit(char c) {
    return c >= '0' && c <= '9';
  }

  private static int hexValue(char c) {
    if (c >= '0' && c <= '9') {
      return c - '0';
    }
    if (c >= 'a' && c <= 'f') {
      return c - 'a' + 10;
    }
    if (c >= 'A' && c <= 'F') {
      return c - 'A' + 10;
    }
    return -1;
  }
}
