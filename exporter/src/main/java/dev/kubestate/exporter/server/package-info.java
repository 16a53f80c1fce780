/**
 * The Vert.x HTTP side: the main listener ({@code /metrics}, probes, landing page) and the
 * listener binding shared with the telemetry server. Handlers run on the event loop and never
 * block it: a scrape copies pre-rendered bytes from the stores in bounded chunks and honours
 * back-pressure. Reads {@code store} and {@code exposition}; never renders objects and never
 * touches informers directly (readiness is a supplied predicate).
 */
package dev.kubestate.exporter.server;
