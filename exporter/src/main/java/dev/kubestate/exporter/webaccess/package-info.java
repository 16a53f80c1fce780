/**
 * Who may use the listeners: the exporter-toolkit web config of {@code --tls-config} (TLS through
 * the JDK's engine in Vert.x, bcrypt basic auth, response headers, a rate limit), re-read when the
 * file or its certificates change. It also holds the {@code --auth-filter} bearer-token check
 * through TokenReview and SubjectAccessReview, and the {@code --server-*-timeout} bounds on slow
 * clients. It wraps the handlers of {@code server} and {@code telemetry} and depends on no other
 * project package. Blocking work (bcrypt, API calls, file reads) runs on Vert.x worker threads,
 * never on an event loop.
 */
package dev.kubestate.exporter.webaccess;
