package dev.sluice.cli;

/** Bad input on the command line, explained in one line. */
final class UserInputException extends Exception {
  UserInputException(String message) {
    super(message);
  }
}
