package dev.kubestate.exporter.cli;

import io.fabric8.kubernetes.client.Config;
import java.util.List;

/** Everything one exporter instance needs. Immutable. */
public record ExporterConfig(
    ExportSettings settings,
    Config kubernetes,
    String host,
    int port,
    String telemetryHost,
    int telemetryPort,
    List<String> namespaces,
    List<String> namespacesDenylist,
    boolean useApiserverCache) {}
