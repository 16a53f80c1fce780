package dev.kubestate.exporter.testing;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The strict reader accepts what the format allows and rejects each way of breaking it. */
class StrictExpositionTest {

  private static final String HEAD = "# HELP kube_x_info [STABLE] Help \\\\ with\\nescapes\n"
      + "# TYPE kube_x_info gauge\n";

  @ParameterizedTest
  @ValueSource(
      strings = {
        "kube_x_info 1\n",
        "kube_x_info{} 1\n",
        "kube_x_info{a=\"\"} 1.5e+09\n",
        "kube_x_info{a=\"q\\\"b\\\\n\\n\",b=\"\u00E9\uD83D\uDE80\",} -Inf\n",
        "kube_x_info{a=\"x\"} NaN\nkube_x_info{a=\"y\"} +Inf\n",
        "kube_x_info{_a9=\"x\"} -0.001\n",
      })
  void accepts(String samples) {
    assertDoesNotThrow(() -> StrictExposition.check(bytes(HEAD + samples)));
    assertDoesNotThrow(() -> {
      byte[] b = bytes(samples);
      StrictExposition.check(b, 0, b.length, "kube_x_info");
    });
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "kube_x_info 1",
        "kube_y_info 1\n",
        "kube_x_info{a=\"x\"}\n",
        "kube_x_info{a=\"x\"} 1 1700000000\n",
        "kube_x_info{a=\"x\"} one\n",
        "kube_x_info{a=\"x\"} 1e\n",
        "kube_x_info{a=\"x\"} Inf\n",
        "kube_x_info{a=\"x\",a=\"y\"} 1\n",
        "kube_x_info{9a=\"x\"} 1\n",
        "kube_x_info{a-b=\"x\"} 1\n",
        "kube_x_info{a:b=\"x\"} 1\n",
        "kube_x_info{a=\"x\\t\"} 1\n",
        "kube_x_info{a=\"x} 1\n",
        "kube_x_info{a=x} 1\n",
        "kube_x_info{a=\"x\"b=\"y\"} 1\n",
        "kube_x_info{a=\"x\"\n",
        "# random comment\nkube_x_info 1\n",
        "# TYPE kube_x_info gauge\nkube_x_info 1\n",
        "kube_x_info 1\n# HELP kube_z z\n# TYPE kube_z gauge\nkube_z 1\n"
            + "# HELP kube_x_info again\n",
      })
  void rejects(String samples) {
    assertThrows(
        StrictExposition.Violation.class, () -> StrictExposition.check(bytes(HEAD + samples)));
  }

  @ParameterizedTest
  @ValueSource(ints = {0xC0, 0xFF, 0xED})
  void rejectsBytesThatAreNotUtf8(int bad) {
    byte[] line = bytes(HEAD + "kube_x_info{a=\"..\"} 1\n");
    int at = new String(line, StandardCharsets.UTF_8).indexOf("..");
    line[at] = (byte) bad;
    line[at + 1] = (byte) 0xA0;
    assertThrows(StrictExposition.Violation.class, () -> StrictExposition.check(line));
  }

  private static byte[] bytes(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }
}
