package dev.kubestate.exporter.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.net.ServerSocket;
import org.junit.jupiter.api.Test;

/** A start that fails for an expected reason says so in one line and exits 1. */
class StartFailureTest {

  @Test
  void busyPortIsNamedInOneLineAndExit1() throws Exception {
    try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      int port = taken.getLocalPort();
      CliTest.Run r =
          CliTest.run(
              "--host=127.0.0.1",
              "--port=" + port,
              "--telemetry-host=127.0.0.1",
              "--telemetry-port=0",
              "--apiserver=http://127.0.0.1:1",
              "--resources=namespaces");
      assertEquals(1, r.exit(), r.err());
      assertEquals(1, r.errLines().size(), r.err());
      assertTrue(r.err().contains("127.0.0.1:" + port), r.err());
      assertTrue(r.err().contains("--port"), r.err());
      assertTrue(r.err().toLowerCase(java.util.Locale.ROOT).contains("in use"), r.err());
    }
  }
}
