/**
 * The test API server: fabric8's CRUD mock server with the API server's selection semantics (field
 * selectors and the server-side sharding {@code shardSelector} on LIST and WATCH), which the stock
 * dispatcher ignores, and {@link dev.kubestate.apiserver.EmbeddedApiServer}, which runs it on
 * loopback, keeps the identities of the objects it is seeded with and serves the pipeline tests,
 * the demo and the benchmarks. What the real API server does is reproduced for the documented cases
 * (see {@link dev.kubestate.apiserver.SelectingDispatcher}); as a test double it parses selectors
 * on its own. Depends on the fabric8 client and mock server and the {@code sharding} module's hash
 * only; never on the exporter or the demo, and never on the product's classpath.
 */
package dev.kubestate.apiserver;
