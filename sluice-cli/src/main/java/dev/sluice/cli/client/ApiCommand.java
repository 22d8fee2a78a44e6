package dev.sluice.cli.client;

import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** A command that talks to a running control plane: {@code --server}, {@code --token}, one client. */
abstract class ApiCommand implements Callable<Integer> {
  @Spec
  CommandSpec spec;

  @Mixin
  ServerOptions serverOptions;

  @Override
  public final Integer call() throws ApiException, InterruptedException {
    run(serverOptions.client(), spec.commandLine().getOut());
    spec.commandLine().getOut().flush();
    return 0;
  }

  abstract void run(SluiceClient client, PrintWriter out) throws ApiException, InterruptedException;

  /** A refusal the CLI itself finds, before asking the server. */
  static ApiException badInput(String message) {
    return new ApiException(message, 0, ApiException.REFUSED);
  }
}
