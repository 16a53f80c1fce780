/**
 * The Vert.x HTTP side: the main listener ({@code /metrics}, probes, landing page) and the
 * listener binding shared with the telemetry server. Handlers run on the event loop and never
 * block it: a scrape copies pre-rendered bytes from the stores in bounded chunks and honours
 * back-pressure. Depends on {@code store}, {@code exposition} and {@code metrics}; never renders
 * objects and never touches informers, the handoff or fabric8 (readiness and liveness are
 * supplied functions).
 */
package dev.kubestate.exporter.server;
