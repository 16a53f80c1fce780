package dev.kubestate.exporter.resources;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.junit.jupiter.api.Test;

/** Address families for {@code kube_pod_ips} (reference/ksm-metrics.tsv, value column). */
class IpFamiliesTest {

  @Test
  void dottedQuadIsFamily4() {
    assertEquals("4", IpFamilies.of("1.2.3.4"));
  }

  @Test
  void ipv6IsFamily6() {
    assertEquals("6", IpFamilies.of("fc00:1234:5678:90ab:cdef:cafe:f00d:d00d"));
    assertEquals("6", IpFamilies.of("2001:db8::1"));
    assertEquals("6", IpFamilies.of("::"));
  }

  @Test
  void ipv4MappedIpv6IsFamily4() {
    assertEquals("4", IpFamilies.of("::ffff:1.2.3.4"));
    assertEquals("4", IpFamilies.of("::ffff:102:304"));
  }

  @Test
  void unparsableAddressesHaveNoFamily() {
    assertNull(IpFamilies.of(null));
    assertNull(IpFamilies.of(""));
    assertNull(IpFamilies.of("pod.example"));
    assertNull(IpFamilies.of("1.2.3"));
    assertNull(IpFamilies.of("1.2.3.256"));
    assertNull(IpFamilies.of("1::2::3"));
    assertNull(IpFamilies.of("fe80::1%eth0"));
    assertNull(IpFamilies.of("1:2:3:4:5:6:7:8:9"));
  }
}
