package dev.kubestate.exporter.webaccess;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.security.cert.CertificateException;
import java.security.cert.CertificateParsingException;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import javax.net.ssl.X509TrustManager;

/**
 * {@code client_allowed_sans}: after {@code delegate} accepted the client's chain, its leaf must
 * carry a subject alternative name equal to one of the allowed strings, as the exporter-toolkit's
 * check: DNS names, e-mail addresses, IP addresses (written as Go writes them: {@code 10.0.0.1},
 * {@code ::1}) and URIs are compared exactly; the subject's common name is not. Immutable and
 * thread-safe.
 */
final class ClientSans implements X509TrustManager {

  private static final int EMAIL = 1;
  private static final int DNS = 2;
  private static final int URI = 6;
  private static final int IP = 7;

  private final X509TrustManager delegate;
  private final Set<String> allowed;

  ClientSans(X509TrustManager delegate, List<String> allowed) {
    this.delegate = delegate;
    this.allowed = Set.copyOf(allowed);
  }

  @Override
  public void checkClientTrusted(X509Certificate[] chain, String authType)
      throws CertificateException {
    delegate.checkClientTrusted(chain, authType);
    if (chain == null || chain.length == 0) {
      throw new CertificateException("no client certificate");
    }
    for (String san : names(chain[0])) {
      if (allowed.contains(san)) {
        return;
      }
    }
    throw new CertificateException(
        "could not find allowed SANs in client cert, found: " + names(chain[0]));
  }

  @Override
  public void checkServerTrusted(X509Certificate[] chain, String authType)
      throws CertificateException {
    throw new CertificateException("a client-certificate check verifies no server");
  }

  @Override
  public X509Certificate[] getAcceptedIssuers() {
    return delegate.getAcceptedIssuers();
  }

  /** The certificate's DNS, e-mail, IP and URI alternative names, IPs in Go's form. */
  static List<String> names(X509Certificate cert) throws CertificateParsingException {
    List<String> out = new ArrayList<>();
    Collection<List<?>> sans = cert.getSubjectAlternativeNames();
    if (sans == null) {
      return out;
    }
    for (List<?> san : sans) {
      int type = (Integer) san.get(0);
      if (type == DNS || type == EMAIL || type == URI) {
        out.add((String) san.get(1));
      } else if (type == IP) {
        out.add(goIp((String) san.get(1)));
      }
    }
    return out;
  }

  /**
   * An IP address literal as Go's {@code net.IP.String} writes it: IPv4 (also IPv4-mapped IPv6)
   * dotted, IPv6 in lower-case hex with the longest run of two or more zero groups as {@code ::}.
   */
  static String goIp(String literal) {
    InetAddress address;
    try {
      // A literal: no name is looked up.
      address = InetAddress.getByName(literal);
    } catch (UnknownHostException e) {
      return literal;
    }
    byte[] b = address.getAddress();
    if (b.length == 4) {
      return address.getHostAddress();
    }
    int[] groups = new int[8];
    for (int i = 0; i < 8; i++) {
      groups[i] = ((b[2 * i] & 0xff) << 8) | (b[2 * i + 1] & 0xff);
    }
    int bestStart = -1;
    int bestLength = 1;
    for (int i = 0; i < 8; ) {
      int j = i;
      while (j < 8 && groups[j] == 0) {
        j++;
      }
      if (j - i > bestLength) {
        bestStart = i;
        bestLength = j - i;
      }
      i = j == i ? i + 1 : j;
    }
    StringBuilder s = new StringBuilder();
    for (int i = 0; i < 8; i++) {
      if (i == bestStart) {
        s.append("::");
        i += bestLength - 1;
        continue;
      }
      if (s.length() > 0 && s.charAt(s.length() - 1) != ':') {
        s.append(':');
      }
      s.append(Integer.toHexString(groups[i]).toLowerCase(Locale.ROOT));
    }
    return s.toString();
  }
}
