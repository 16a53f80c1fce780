package dev.kubestate.apiserver;

import io.fabric8.mockwebserver.crud.AttributeSet;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * One write to the store as the watches see it: the stored key and JSON before and after (null for
 * a create's before and a delete's after). JSON trees are parsed at most once, on first use, and
 * shared by every watch. Used only under the dispatcher's watch lock (writes, and watches replaying
 * the history).
 */
final class ObjectChange {

  private final ObjectMapper json;
  final AttributeSet oldKey;
  final String oldState;
  final AttributeSet newKey;
  final String newState;
  private JsonNode oldObject;
  private JsonNode newObject;
  private String leftState;

  /** The resourceVersion a deletion made; null for other writes. */
  private final String deletedVersion;

  ObjectChange(
      ObjectMapper json,
      AttributeSet oldKey,
      String oldState,
      AttributeSet newKey,
      String newState,
      String deletedVersion) {
    this.json = json;
    this.oldKey = oldKey;
    this.oldState = oldState;
    this.newKey = newKey;
    this.newState = newState;
    this.deletedVersion = deletedVersion;
  }

  /** This write without the parsed trees, to be kept in the watch history. */
  ObjectChange forHistory() {
    return new ObjectChange(json, oldKey, oldState, newKey, newState, deletedVersion);
  }

  /** The object before the write; only when {@link #oldState} is not null. */
  JsonNode oldObject() {
    if (oldObject == null) {
      oldObject = json.readTree(oldState);
    }
    return oldObject;
  }

  /** The object after the write; only when {@link #newState} is not null. */
  JsonNode newObject() {
    if (newObject == null) {
      newObject = json.readTree(newState);
    }
    return newObject;
  }

  /**
   * What a watch whose selection the object left is sent with its DELETED event: the object as it
   * was, carrying the resourceVersion of the write, as the API server's watch cache does. For a
   * deletion, the object as it was, carrying the deletion's resourceVersion.
   */
  String leftState() {
    if (newState == null && deletedVersion == null) {
      return oldState;
    }
    if (leftState == null) {
      ObjectNode before = (ObjectNode) oldObject().deepCopy();
      JsonNode version =
          newState == null
              ? before.textNode(deletedVersion)
              : newObject().at("/metadata/resourceVersion");
      if (!version.isMissingNode()) {
        before.withObjectProperty("metadata").set("resourceVersion", version);
      }
      leftState = json.writeValueAsString(before);
    }
    return leftState;
  }
}
