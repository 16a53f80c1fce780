/**
 * Tests of the container image: it holds the runnable exporter only, and it starts, syncs and
 * serves when run as the StatefulSet in deploy/statefulset runs it (read-only root, uid 65534, the
 * manifest's writable mounts, env and args). They depend on a Docker engine holding the image
 * (built with the {@code image-docker} profile) and are skipped with the reason where there is
 * none; the settings come from the rendered manifest ({@code deploy} test package), the API
 * server is the test API server.
 */
package dev.kubestate.exporter.image;
