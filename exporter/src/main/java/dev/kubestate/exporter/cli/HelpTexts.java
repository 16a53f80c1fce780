package dev.kubestate.exporter.cli;

import dev.kubestate.exporter.resources.Kinds;
import java.util.ListResourceBundle;

/**
 * The values the flags' help derives from the registry of kinds, as picocli resource bundle entries
 * that descriptions name as {@code ${bundle:KEY}}: {@code resources.default} (KSM's default set)
 * and {@code resources.optIn} (exported only when named), comma-separated.
 */
final class HelpTexts extends ListResourceBundle {

  @Override
  protected Object[][] getContents() {
    return new Object[][] {
      {"resources.default", String.join(",", Kinds.defaults())},
      {"resources.optIn", String.join(",", Kinds.optIn())},
    };
  }
}
