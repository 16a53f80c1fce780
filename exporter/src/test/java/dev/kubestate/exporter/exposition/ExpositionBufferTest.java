package dev.kubestate.exporter.exposition;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Label value escaping as KSM writes it (reference/ksm-behaviour.md 3.3), and buffer growth. */
class ExpositionBufferTest {

  private static byte[] labelValue(String value) {
    return new ExpositionBuffer(1).appendLabelValue(value).toByteArray();
  }

  private static byte[] utf8(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  @Test
  void escapesBackslashInLabelValue() {
    assertArrayEquals(utf8("C:\\\\dir\\\\"), labelValue("C:\\dir\\"));
  }

  @Test
  void escapesDoubleQuoteInLabelValue() {
    assertArrayEquals(utf8("say \\\"hi\\\""), labelValue("say \"hi\""));
  }

  @Test
  void escapesNewlineInLabelValue() {
    assertArrayEquals(utf8("a\\nb\\n"), labelValue("a\nb\n"));
  }

  @Test
  void escapesInjectedSampleSoItStaysInsideTheQuotes() {
    assertArrayEquals(utf8("x\\\"} 1\\nfake_metric 1"), labelValue("x\"} 1\nfake_metric 1"));
  }

  @ParameterizedTest(name = "U+{0} passes through")
  @CsvSource({"000D", "0009", "0001", "007F", "00E9", "20AC", "FFFD"})
  void passesThroughOtherCharactersAsUtf8(String hex) {
    String value = "a" + (char) Integer.parseInt(hex, 16) + "b";
    assertArrayEquals(utf8(value), labelValue(value));
  }

  @Test
  void writesSupplementaryCharacterAsFourBytes() {
    String value = "pod-\uD83D\uDE80";
    byte[] bytes = labelValue(value);
    assertArrayEquals(utf8(value), bytes);
    assertEquals(8, bytes.length);
  }

  @Test
  void replacesUnpairedHighSurrogateWithReplacementCharacter() {
    assertArrayEquals(utf8("a\uFFFDb"), labelValue("a\uD800b"));
  }

  @Test
  void replacesUnpairedLowSurrogateWithReplacementCharacter() {
    assertArrayEquals(utf8("a\uFFFDb"), labelValue("a\uDC00b"));
  }

  @Test
  void replacesHighSurrogateAtEndWithReplacementCharacter() {
    assertArrayEquals(utf8("a\uFFFD"), labelValue("a\uD83D"));
  }

  @Test
  void replacesReversedSurrogatePairWithTwoReplacementCharacters() {
    assertArrayEquals(utf8("\uFFFD\uFFFD"), labelValue("\uDE80\uD83D"));
  }

  @Test
  void writesEmptyValueAsNothing() {
    assertEquals(0, labelValue("").length);
  }

  @Test
  void growsForLongValuesOfMultiByteCharacters() {
    String value = "\u20AC\"\\\n".repeat(50_000);
    String expected = "\u20AC\\\"\\\\\\n".repeat(50_000);
    assertArrayEquals(utf8(expected), labelValue(value));
  }

  @Test
  void resetKeepsNothingOfPreviousContent() {
    ExpositionBuffer b = new ExpositionBuffer(4);
    b.appendAscii("something long enough to grow");
    b.reset();
    b.appendAscii("x");
    assertEquals("x", b.toString());
    assertEquals(1, b.size());
  }

  @Test
  void truncateDropsTheTail() {
    ExpositionBuffer b = new ExpositionBuffer(4).appendAscii("abcdef");
    b.truncate(2);
    assertEquals("ab", b.toString());
  }

  @Test
  void truncateRejectsSizeBeyondContent() {
    ExpositionBuffer b = new ExpositionBuffer(4).appendAscii("ab");
    assertThrows(IllegalArgumentException.class, () -> b.truncate(3));
    assertThrows(IllegalArgumentException.class, () -> b.truncate(-1));
  }

  @Test
  void appendsSliceOfBytes() {
    ExpositionBuffer b = new ExpositionBuffer(1).appendBytes(utf8("--abc--"), 2, 3);
    assertEquals("abc", b.toString());
  }
}
