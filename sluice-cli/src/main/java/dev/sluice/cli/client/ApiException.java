package dev.sluice.cli.client;

/**
 * A call to the control plane that did not succeed, explained in one line for a person: a problem the
 * server reported (its {@code detail} and field), an unknown token, or no server at the address.
 */
public final class ApiException extends Exception {
  /** Exit code for a request the server refused (4xx): the user can fix it. */
  public static final int REFUSED = 2;
  /** Exit code for no server, a lost connection or a server error (5xx). */
  public static final int UNREACHABLE = 3;

  private final int exitCode;
  private final int status;

  ApiException(String message, int status, int exitCode) {
    super(message);
    this.status = status;
    this.exitCode = exitCode;
  }

  static ApiException unreachable(String message) {
    return new ApiException(message, 0, UNREACHABLE);
  }

  /** The exit code the {@code sluice} command ends with. */
  public int exitCode() {
    return exitCode;
  }

  /** The HTTP status, or 0 when no answer came. */
  public int status() {
    return status;
  }
}
