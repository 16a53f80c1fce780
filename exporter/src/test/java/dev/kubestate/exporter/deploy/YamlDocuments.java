package dev.kubestate.exporter.deploy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.MappingIterator;
import tools.jackson.dataformat.yaml.YAMLMapper;

/** The documents of a YAML stream as Jackson trees, in order, empty documents left out. */
final class YamlDocuments {

  static final YAMLMapper YAML = YAMLMapper.builder().build();

  private YamlDocuments() {}

  /** The documents of {@code file}. */
  static List<JsonNode> read(Path file) throws IOException {
    return parse(Files.readString(file, StandardCharsets.UTF_8));
  }

  /** The documents of {@code yaml}. */
  static List<JsonNode> parse(String yaml) {
    List<JsonNode> out = new ArrayList<>();
    try (MappingIterator<JsonNode> docs = YAML.readerFor(JsonNode.class).readValues(yaml)) {
      while (docs.hasNext()) {
        JsonNode doc = docs.next();
        if (doc != null && !doc.isNull() && !doc.isMissingNode()) {
          out.add(doc);
        }
      }
    }
    return out;
  }

  /** The one document of {@code file}. */
  static JsonNode single(Path file) throws IOException {
    List<JsonNode> docs = read(file);
    if (docs.size() != 1) {
      throw new IllegalArgumentException(file + ": expected one YAML document, got " + docs.size());
    }
    return docs.get(0);
  }
}
