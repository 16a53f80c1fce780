package dev.kubestate.exporter.informers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.PartialObjectMetadata;
import io.fabric8.kubernetes.api.model.Pod;
import org.junit.jupiter.api.Test;

class ReceivedObjectsTest {

  private static final ObjectMeta META =
      new ObjectMetaBuilder()
          .withName("settings")
          .withNamespace("team-a")
          .withUid("0b6a3f1e-1111-4c2a-9d6e-000000000001")
          .withResourceVersion("42")
          .addToLabels("app", "web")
          .build();

  @Test
  void partialObjectMetadataBecomesAnObjectOfTheKindWithTheSameMetadata() {
    PartialObjectMetadata partial = new PartialObjectMetadata();
    partial.setMetadata(META);
    ConfigMap cm = ReceivedObjects.of(ConfigMap.class, true).apply(partial);
    assertSame(META, cm.getMetadata());
    assertEquals("ConfigMap", cm.getKind());
    assertTrue(cm.getData() == null || cm.getData().isEmpty(), String.valueOf(cm.getData()));
  }

  @Test
  void aFullObjectFromAServerThatIgnoredTheRequestPassesAsItIs() {
    ConfigMap full = new ConfigMapBuilder().withMetadata(META).addToData("k", "v").build();
    assertSame(full, ReceivedObjects.of(ConfigMap.class, true).apply(full));
  }

  @Test
  void anotherClassIsAnErrorForAKindThatIsNotMetadataOnly() {
    PartialObjectMetadata partial = new PartialObjectMetadata();
    partial.setMetadata(META);
    ReceivedObjects<Pod> pods = ReceivedObjects.of(Pod.class, false);
    assertThrows(ClassCastException.class, () -> pods.apply(partial));
  }
}
