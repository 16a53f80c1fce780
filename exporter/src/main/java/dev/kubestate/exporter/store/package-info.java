/**
 * Rendered bytes per object UID, one store per kind, and the scrape cursor that writes stores
 * family-major as KSM does. A store keeps one map entry per object (its lines, which carry the
 * resourceVersion they were rendered from) and replaces it atomically; a scrape copies bytes and
 * renders nothing. Depends on {@code metrics} and {@code exposition} only: no fabric8 client,
 * informers, Vert.x or Micrometer.
 */
package dev.kubestate.exporter.store;
