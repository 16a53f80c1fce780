/**
 * The family framework: a family is a name, help, type, stability, status and a pure generator
 * from one object to samples. Kinds declare their families as tables ({@code resources}); this
 * package filters them by the flags' lists, renders an object's samples to bytes once, and adds
 * identity labels and headers. Depends on {@code exposition} only: nothing from fabric8, Vert.x,
 * Micrometer, informers or the store.
 */
package dev.kubestate.exporter.metrics;
