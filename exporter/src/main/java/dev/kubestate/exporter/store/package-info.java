/**
 * Rendered bytes per object UID, one store per kind, and the scrape cursor that writes stores
 * family-major as KSM does. A scrape copies bytes; nothing is rendered here.
 */
package dev.kubestate.exporter.store;
