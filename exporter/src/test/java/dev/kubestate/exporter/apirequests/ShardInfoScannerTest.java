package dev.kubestate.exporter.apirequests;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Finding {@code metadata.shardInfo} in LIST bodies as the API server writes them (reference:
 * server-side-sharding.md: the LIST response carries {@code metadata.shardInfo.selector} when the
 * selector was applied), fed whole, byte by byte and in uneven pieces.
 */
class ShardInfoScannerTest {

  private static final String SELECTOR =
      "shardRange(object.metadata.uid, '0x0000000000000000', '0x8000000000000000')";

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
          applied, metadata first as the API server writes it | true \
          | {"kind":"PodList","apiVersion":"v1","metadata":{"resourceVersion":"12","shardInfo":\
          {"selector":"SEL"}},"items":[{"metadata":{"name":"a"}}]}
          applied, metadata after the items | true \
          | {"apiVersion":"v1","items":[{"metadata":{"name":"a","uid":"u"}}],"kind":"PodList",\
          "metadata" : { "resourceVersion" : "12" , "shardInfo" : {"selector":"SEL"} } }
          ignored: no shardInfo | false \
          | {"kind":"PodList","metadata":{"resourceVersion":"12"},"items":[]}
          ignored: shardInfo only in an object's annotations | false \
          | {"kind":"PodList","metadata":{"resourceVersion":"1"},"items":[{"metadata":\
          {"name":"a","annotations":{"shardInfo":"x"}}}]}
          ignored: shardInfo only as a value of the list metadata | false \
          | {"kind":"PodList","metadata":{"continue":"shardInfo","remainingItemCount":3}}
          ignored: shardInfo as a top-level key | false \
          | {"kind":"PodList","shardInfo":{"selector":"SEL"},"metadata":{}}
          ignored: metadata as a value then shardInfo in an item | false \
          | {"kind":"metadata","items":[{"metadata":{"shardInfo":{}}}],"metadata":{}}
          ignored: escaped quote inside a key-like string | false \
          | {"kind":"PodList","metadata":{"x":"\\"shardInfo\\":"},"items":[]}
          ignored: escaped character inside the word | false \
          | {"kind":"PodList","metadata":{"shard\\u0049nfo":{}},"items":[]}
          """)
  void findsShardInfoOnlyInTheListMetadata(String name, boolean expected, String body) {
    String json = body.trim().replace("SEL", SELECTOR);
    byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
    assertEquals(expected, scanWhole(bytes), "whole: " + json);
    assertEquals(expected, scanInPieces(bytes, 1), "byte by byte: " + json);
    assertEquals(expected, scanInPieces(bytes, 7), "in pieces of 7: " + json);
  }

  private static boolean scanWhole(byte[] bytes) {
    ShardInfoScanner scanner = new ShardInfoScanner();
    scanner.accept(ByteBuffer.wrap(bytes));
    return scanner.found();
  }

  private static boolean scanInPieces(byte[] bytes, int size) {
    ShardInfoScanner scanner = new ShardInfoScanner();
    for (int from = 0; from < bytes.length; from += size) {
      ByteBuffer piece = ByteBuffer.wrap(bytes, from, Math.min(size, bytes.length - from));
      int position = piece.position();
      scanner.accept(piece);
      assertEquals(position, piece.position(), "the piece's position is left unchanged");
    }
    return scanner.found();
  }
}
