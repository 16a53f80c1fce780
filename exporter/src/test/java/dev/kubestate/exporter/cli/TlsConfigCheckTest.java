package dev.kubestate.exporter.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * A {@code --tls-config} file that cannot be used stops the real {@code Main} with the flag checks:
 * one line naming the file and the problem, KSM's exit code 1 (KSM fails when its listener starts),
 * and not one connection to the API server, so no client or informer was built.
 */
class TlsConfigCheckTest {

  @TempDir Path dir;
  private ServerSocket apiServer;

  @BeforeEach
  void listen() throws IOException {
    apiServer = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
  }

  @AfterEach
  void close() throws IOException {
    apiServer.close();
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      value = {
        "missing file | | no such file",
        "unparsable | 'tls_server_config: [' | not valid YAML",
        "unknown key | 'tls_server_config:\n  cert_file: tls.crt\n  key_file: tls.key\n  colour: red'"
            + " | field colour not found in tls_server_config",
        "missing cert | 'tls_server_config:\n  key_file: tls.key' | missing cert_file or cert",
        "missing key file | 'tls_server_config:\n  cert_file: tls.crt\n  key_file: gone.key'"
            + " | key_file: cannot read",
        "not a key pair | 'tls_server_config:\n  cert_file: tls.crt\n  key_file: tls.key'"
            + " | cannot load the certificate and key",
        "bad hash | 'basic_auth_users:\n  alice: secret' | basic_auth_users.alice"
      })
  void badWebConfigIsOneLineExit1BeforeAnyClient(String name, String yaml, String problem)
      throws Exception {
    Files.writeString(dir.resolve("tls.crt"), "not a certificate", StandardCharsets.UTF_8);
    Files.writeString(dir.resolve("tls.key"), "not a key", StandardCharsets.UTF_8);
    Path file = dir.resolve("web-config.yml");
    if (yaml != null) {
      Files.writeString(file, yaml, StandardCharsets.UTF_8);
    }
    CliTest.Run r =
        CliTest.run(
            "--tls-config=" + file,
            "--host=127.0.0.1",
            "--port=0",
            "--telemetry-host=127.0.0.1",
            "--telemetry-port=0",
            "--apiserver=http://127.0.0.1:" + apiServer.getLocalPort(),
            "--resources=namespaces");
    assertEquals(1, r.exit(), r.err());
    assertEquals(1, r.errLines().size(), r.err());
    assertTrue(r.err().startsWith("kube-state-exporter: --tls-config " + file + ": "), r.err());
    assertTrue(r.err().contains(problem), r.err());
    apiServer.setSoTimeout(200);
    try {
      apiServer.accept().close();
      throw new AssertionError("the API server was contacted");
    } catch (SocketTimeoutException expected) {
      // nobody connected
    }
  }
}
