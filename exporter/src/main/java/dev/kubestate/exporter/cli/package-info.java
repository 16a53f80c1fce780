/**
 * The command line of the product: picocli commands {@code run} (the default) and {@code render},
 * the flag mixins with KSM's names shared by every command, and {@link
 * dev.kubestate.exporter.cli.Main}, which other entry points (the demo's) extend with their own
 * subcommands. Commands turn flags into the {@code process} configuration and start it; a bad flag
 * fails with one line and exit code 2. Nothing in the exporter depends on this package.
 */
package dev.kubestate.exporter.cli;
