/**
 * The demo jar's command line: the product's commands plus {@code demo}, whose flags (and the
 * options file of {@code run}, given with {@code --config}) become a {@link
 * dev.kubestate.demo.run.DemoPlan}, and the bound on the demo's heap (a child JVM with
 * {@code -Xmx} when none was given). Depends on the exporter's {@code cli} and {@code process}, the
 * demo run and the test API server's features; nothing depends on it.
 */
package dev.kubestate.demo.cli;
