package dev.sluice.cli.up;

import dev.sluice.cli.UserInputException;
import java.io.PrintWriter;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

@Command(name = "up", mixinStandardHelpOptions = true, sortOptions = false,
    description = {"Start the control plane on this machine (API, dashboard, jobs run as processes).",
        "REST API, dashboard and metrics on one port of 127.0.0.1, an embedded database, and a launcher "
            + "that runs jobs as processes on this machine's GPUs. Runs until Ctrl-C; jobs still running then "
            + "keep running and are adopted by the next start."})
public final class UpCommand implements Callable<Integer> {
  @Spec
  CommandSpec spec;

  @Mixin
  UpOptions options;

  @Override
  public Integer call() throws UserInputException, InterruptedException {
    var out = spec.commandLine().getOut();
    var plane = LocalControlPlane.start(options, Optional.empty());
    Banner.print(plane, options, out);
    serveUntilStopped(plane, out);
    return 0;
  }

  /** Blocks until the JVM is asked to stop (Ctrl-C, SIGTERM), then closes the control plane cleanly. */
  static void serveUntilStopped(LocalControlPlane plane, PrintWriter out) throws InterruptedException {
    var stopped = new CountDownLatch(1);
    Runtime.getRuntime().addShutdownHook(Thread.ofPlatform().name("sluice-shutdown").unstarted(() -> {
      out.println("sluice: stopping the control plane");
      out.flush();
      try {
        plane.close();
      } finally {
        out.println("sluice: stopped");
        out.flush();
        stopped.countDown();
      }
    }));
    stopped.await();
  }
}
