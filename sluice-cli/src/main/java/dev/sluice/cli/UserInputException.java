package dev.sluice.cli;

/** Bad input on the command line, explained in one line. */
public final class UserInputException extends Exception {
  public UserInputException(String message) {
    super(message);
  }
}
