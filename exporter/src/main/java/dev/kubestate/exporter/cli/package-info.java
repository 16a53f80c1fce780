/** picocli commands ({@code run}, {@code render}, {@code demo}) and the wiring between packages. */
package dev.kubestate.exporter.cli;
