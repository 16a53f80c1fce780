package dev.kubestate.exporter.resources;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kubestate.exporter.metrics.FamilyFilter;
import dev.kubestate.exporter.metrics.KeyAllowlist;
import dev.kubestate.exporter.metrics.KindRenderer;
import dev.kubestate.exporter.metrics.RenderedObject;
import dev.kubestate.exporter.metrics.ResourceOptions;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * No Secret value reaches the output (the guarantee of {@link Secrets}): with every family and
 * every label and annotation allowlisted, a distinctive value placed in {@code data}, {@code
 * stringData} and the {@code kubectl.kubernetes.io/last-applied-configuration} annotation appears
 * neither in the rendered bytes nor in what a generator failure reports.
 */
class SecretsTest {

  private static final String VALUE = "s3cr3t-VALUE-7f1d";
  private static final String VALUE_BASE64 =
      Base64.getEncoder().encodeToString(VALUE.getBytes(StandardCharsets.UTF_8));
  private static final String DATA_KEY = "distinctive-data-key";

  private final List<String> failures = new ArrayList<>();
  private final KindRenderer<Secret> renderer =
      new KindRenderer<>(
          new Secrets(),
          new ResourceOptions(KeyAllowlist.ALL, KeyAllowlist.ALL),
          FamilyFilter.DEFAULT,
          (resource, family, object, error) ->
              failures.add(object + ", family " + family + ": " + error.getMessage()),
          ObjectNames::describe);

  /** A Secret carrying the value everywhere kubectl and the API put it. */
  private static Secret secret(String creationTimestamp) {
    String manifest =
        "{\"apiVersion\":\"v1\",\"kind\":\"Secret\",\"metadata\":{\"name\":\"db-credentials\","
            + "\"namespace\":\"prod\"},\"data\":{\""
            + DATA_KEY
            + "\":\""
            + VALUE_BASE64
            + "\"},\"stringData\":{\"password\":\""
            + VALUE
            + "\"},\"type\":\"Opaque\"}";
    return new SecretBuilder()
        .withNewMetadata()
        .withNamespace("prod")
        .withName("db-credentials")
        .withUid("0d6f1c2e-5b1a-4c41-9a57-3f0e1b2c4d5e")
        .withCreationTimestamp(creationTimestamp)
        .withResourceVersion("4242")
        .addToLabels("app", "db")
        .addToAnnotations("team", "storage")
        .addToAnnotations(Secrets.LAST_APPLIED, manifest)
        .endMetadata()
        .withType("Opaque")
        .addToData(DATA_KEY, VALUE_BASE64)
        .addToStringData("password", VALUE)
        .build();
  }

  private static void assertNoSecretIn(byte[] bytes) {
    for (String secret : List.of(VALUE, VALUE_BASE64, DATA_KEY)) {
      assertFalse(
          indexOf(bytes, secret.getBytes(StandardCharsets.UTF_8)) >= 0,
          () -> secret + " found in " + new String(bytes, StandardCharsets.UTF_8));
    }
  }

  private static int indexOf(byte[] haystack, byte[] needle) {
    for (int i = 0; i + needle.length <= haystack.length; i++) {
      int j = 0;
      while (j < needle.length && haystack[i + j] == needle[j]) {
        j++;
      }
      if (j == needle.length) {
        return i;
      }
    }
    return -1;
  }

  @Test
  void rendersNoSecretValueWithEveryFamilyAndEveryKeyAllowlisted() {
    RenderedObject rendered = renderer.render(secret("2024-03-01T10:00:00Z"));

    assertNotNull(rendered);
    assertEquals(List.of(), failures);
    assertEquals(7, renderer.familyCount(), "every family of secrets is rendered");
    byte[] bytes = rendered.bytes();
    assertNoSecretIn(bytes);
    String text = new String(bytes, StandardCharsets.UTF_8);
    // The allowlists are in force: the other annotation and the label are exported.
    assertTrue(
        text.contains(
            "kube_secret_annotations{namespace=\"prod\",secret=\"db-credentials\","
                + "annotation_team=\"storage\"} 1\n"),
        text);
    assertTrue(text.contains("label_app=\"db\""), text);
  }

  @Test
  void anUnparsableCreationTimeGivesNoSampleNoFailureAndNoSecretValue() {
    Secret s = secret("not a timestamp");

    RenderedObject rendered = renderer.render(s);

    assertNotNull(rendered);
    // Go cannot decode such a time: it reads as unset, and KSM skips an unset creation time
    assertEquals(List.of(), failures);
    String text = new String(rendered.bytes(), StandardCharsets.UTF_8);
    assertFalse(text.contains("kube_secret_created{"), text);
    assertTrue(text.contains("kube_secret_info{"), text);
    assertNoSecretIn(rendered.bytes());
    assertEquals("Secret prod/db-credentials", ObjectNames.describe(s));
  }
}
