/**
 * The family framework: a family is a name, help, type, stability, status and a pure generator
 * from one object to samples. Kinds declare their families as tables ({@code resources}); this
 * package filters them by the CLI's lists, renders an object's samples to bytes once, and adds
 * identity labels and headers. Imports nothing from Vert.x, Micrometer, informers or the store.
 */
package dev.kubestate.exporter.metrics;
