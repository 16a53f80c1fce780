/**
 * The {@code demo} world: a seeded synthetic cluster built as fabric8 model objects, an embedded
 * CRUD API server that keeps the identities the cluster gives its objects, and a seeded churn of
 * changes. The same seed always gives the same objects; nothing here reads the wall clock for
 * object data. Depends on the fabric8 model, client and mock server only, never on the exporter's
 * rendering or serving packages.
 */
package dev.kubestate.exporter.demo;
