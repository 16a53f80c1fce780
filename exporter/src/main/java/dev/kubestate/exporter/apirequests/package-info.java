/**
 * The fabric8 request layer: an HTTP interceptor that recognises the informers' LIST and WATCH
 * requests, counts them, lists from the watch cache on request, asks for the metadata-only
 * representation for kinds that read only metadata and, with server-side sharding, adds the {@code
 * shardSelector} and reads whether the API server applied it. Listeners of requests
 * ({@link dev.kubestate.exporter.apirequests.ApiRequests}) and openers of selecting clients are
 * interfaces declared here and implemented above. Depends on {@code metrics} (the kinds), the
 * {@code sharding} module and fabric8's client; never on informers, stores, Vert.x or Micrometer.
 */
package dev.kubestate.exporter.apirequests;
