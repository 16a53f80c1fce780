package dev.kubestate.exporter.cli;

/**
 * A flag whose value parses but that KSM refuses only when it starts its listeners, such as an
 * invalid {@code --tls-config} file: checked with the other flags, before any client or informer
 * is built, yet it exits 1 as KSM does, not 2 as a bad flag. The message is the one line printed.
 */
public final class StartCheckFailure extends IllegalArgumentException {

  private static final long serialVersionUID = 1L;

  /** The exit code, KSM's when a listener cannot start. */
  public static final int EXIT_CODE = 1;

  public StartCheckFailure(String message) {
    super(message);
  }
}
