package dev.sluice.core.spi;

/** A job's process could not be started; the message says why in words a user understands. */
public final class LaunchException extends Exception {
  public LaunchException(String message, Throwable cause) {
    super(message, cause);
  }

  public LaunchException(String message) {
    super(message);
  }
}
