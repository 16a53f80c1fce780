/**
 * The test and demo Kubernetes API server's selection semantics: field selectors and the
 * server-side sharding {@code shardSelector} on LIST and WATCH, layered on fabric8's CRUD mock
 * dispatcher, which by itself ignores both. What the real API server does is reproduced for the
 * documented cases (see {@link dev.kubestate.apiserver.SelectingDispatcher} for what is
 * and is not faithful). Depends on the fabric8 model, client serialization and mock server only.
 */
package dev.kubestate.apiserver;
