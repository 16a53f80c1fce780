package dev.kubestate.exporter.resources;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@code kube_certificatesigningrequest_cert_length} measures decoded bytes while fabric8 holds
 * base64 text: the length as Go's standard decoder reads the text, which the vectors (all without a
 * certificate) cannot pin.
 */
class CertificateSigningRequestsTest {

  @Test
  void measuresTheDecodedBytesForEveryPaddingLength() {
    for (int n = 0; n < 40; n++) {
      byte[] bytes = new byte[n];
      assertEquals(
          n,
          CertificateSigningRequests.decodedLength(Base64.getEncoder().encodeToString(bytes)),
          n + " bytes");
    }
  }

  @Test
  void readsAbsentCertificateAsEmpty() {
    assertEquals(0, CertificateSigningRequests.decodedLength(null));
  }

  @Test
  void skipsLineBreaksAsGoDoes() {
    String pem = "-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n";
    String text =
        Base64.getMimeEncoder(8, "\r\n".getBytes(StandardCharsets.US_ASCII))
            .encodeToString(pem.getBytes(StandardCharsets.US_ASCII));
    assertEquals(pem.length(), CertificateSigningRequests.decodedLength(text));
  }

  @ParameterizedTest
  @ValueSource(strings = {"a", "abc", "ab=c", "a===", "ab==cd==", "ab-_", "ab c", "YQ"})
  void readsTextGoCannotDecodeAsNoBytes(String text) {
    assertEquals(0, CertificateSigningRequests.decodedLength(text));
  }
}
