package dev.kubestate.exporter.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kubestate.exporter.testing.Await;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.Test;

/**
 * Slow and vanishing clients of large bodies: a client reading at about 10 KB/s holds no more
 * than a few chunks of the server's memory (never in proportion to the body) and delays no other
 * scrape or probe; a client that leaves mid-body frees its transfer and every byte queued for it;
 * probes are answered while several scrapers pull large bodies.
 */
class SlowScrapersIT {

  /**
   * A transfer's limit on bytes in flight plus the chunk that may cross it (one object may
   * overshoot a chunk): 256 KiB for a body of more than 6 MB.
   */
  private static final long MOST_QUEUED =
      ScrapeTransfer.MAX_QUEUED_BYTES + 2L * ScrapeTransfer.CHUNK_BYTES;

  @Test
  void aSlowReaderHoldsAFewChunksAndDelaysNoOne() throws Exception {
    try (ServedConfigMaps served = ServedConfigMaps.start(ConcurrentScrapesIT.loop(), 3_000, 2_000);
        CapturedLog log = ConcurrentScrapesIT.warmedUp(served)) {
      String expected = RawHttp.get(served.port, "/metrics").text();
      assertTrue(expected.length() > 6_000_000, "body of " + expected.length() + " bytes");
      try (Socket slow = openScrape(served.port)) {
        InputStream in = slow.getInputStream();
        long read = 0;
        byte[] buffer = new byte[1_000];
        long fastScrapes = 0;
        long start = System.nanoTime();
        // About 10 KB/s for 3 s: 1,000 bytes every 100 ms; full scrapes run meanwhile.
        while (System.nanoTime() - start < TimeUnit.SECONDS.toNanos(3)) {
          read += in.read(buffer);
          assertEquals(expected, RawHttp.get(served.port, "/metrics", "Accept-Encoding: gzip").text());
          assertEquals("OK", RawHttp.get(served.port, "/healthz").text());
          fastScrapes++;
          LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(100));
        }
        assertTrue(read < expected.length() / 10, "the slow client read " + read + " bytes");
        assertTrue(fastScrapes >= 3, fastScrapes + " full scrapes beside the slow one");
        assertEquals(1, served.main.transfers().inProgress(), "only the slow transfer is left");
        long queued = served.main.transfers().queuedBytes();
        assertTrue(queued <= MOST_QUEUED, queued + " bytes queued for a client that read " + read);
      }
      Await.until("the slow transfer released", () -> served.main.transfers().inProgress(), n -> n == 0);
      Await.until("its queue released", () -> served.main.transfers().queuedBytes(), n -> n == 0);
      long most = served.main.transfers().mostQueuedByOne();
      assertTrue(most <= MOST_QUEUED, "one transfer held " + most + " bytes");
      assertEquals(0, served.main.failures().count());
      assertEquals(List.of(), log.problems());
      if (ServerSockets.available()) {
        Await.until("connections closed", () -> ServerSockets.open(served.port), n -> n == 0);
      }
    }
  }

  @Test
  void clientsLeavingMidBodyFreeEverything() throws Exception {
    try (ServedConfigMaps served = ServedConfigMaps.start(ConcurrentScrapesIT.loop(), 3_000, 2_000);
        CapturedLog log = ConcurrentScrapesIT.warmedUp(served)) {
      for (int round = 0; round < 20; round++) {
        try (Socket s = openScrape(served.port)) {
          s.getInputStream().readNBytes(100_000 * (1 + round % 5));
          if (round % 2 == 0) {
            s.setSoLinger(true, 0);
          }
        }
      }
      Await.until("transfers released", () -> served.main.transfers().inProgress(), n -> n == 0);
      Await.until("queues released", () -> served.main.transfers().queuedBytes(), n -> n == 0);
      assertEquals(0, served.main.failures().count());
      assertEquals(List.of(), log.problems());
      if (ServerSockets.available()) {
        Await.until("connections closed", () -> ServerSockets.open(served.port), n -> n == 0);
      }
      String body = RawHttp.get(served.port, "/metrics").text();
      assertEquals(3_000 * 5, StrictExposition.parse(body, false).size());
    }
  }

  @Test
  void probesAreAnsweredWhileEightScrapersPullLargeBodies() throws Exception {
    try (ServedConfigMaps served = ServedConfigMaps.start(ConcurrentScrapesIT.loop(), 3_000, 2_000);
        CapturedLog log = ConcurrentScrapesIT.warmedUp(served)) {
      java.util.concurrent.atomic.AtomicBoolean stop = new java.util.concurrent.atomic.AtomicBoolean();
      java.util.concurrent.atomic.AtomicLong scrapes = new java.util.concurrent.atomic.AtomicLong();
      List<Thread> scrapers = new java.util.ArrayList<>();
      for (int i = 0; i < 8; i++) {
        Thread t =
            new Thread(
                () -> {
                  while (!stop.get()) {
                    try {
                      RawHttp.get(served.port, "/metrics", "Accept-Encoding: gzip");
                      scrapes.incrementAndGet();
                    } catch (java.io.IOException e) {
                      throw new java.io.UncheckedIOException(e);
                    }
                  }
                });
        t.start();
        scrapers.add(t);
      }
      try {
        Await.until("scrapes under way", () -> served.main.transfers().inProgress(), n -> n >= 4);
        for (int i = 0; i < 50; i++) {
          for (String probe : new String[] {"/healthz", "/livez", "/readyz"}) {
            RawHttp.Response r = RawHttp.get(served.port, probe);
            assertEquals(200, r.status(), probe);
            assertEquals("OK", r.text(), probe);
          }
        }
      } finally {
        stop.set(true);
        for (Thread t : scrapers) {
          t.join();
        }
      }
      assertTrue(scrapes.get() >= 8, scrapes.get() + " scrapes");
      assertEquals(List.of(), log.problems());
    }
  }

  /** Opens a connection, sends a plain {@code GET /metrics} and returns the socket unread. */
  private static Socket openScrape(int port) throws Exception {
    Socket s = new Socket();
    s.setReceiveBufferSize(4096);
    s.setSoTimeout(30_000);
    s.connect(new InetSocketAddress("127.0.0.1", port));
    s.getOutputStream()
        .write(
            "GET /metrics HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n"
                .getBytes(StandardCharsets.US_ASCII));
    return s;
  }
}
