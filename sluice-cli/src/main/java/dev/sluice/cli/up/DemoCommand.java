package dev.sluice.cli.up;

import dev.sluice.cli.UserInputException;
import dev.sluice.cli.client.ApiException;
import dev.sluice.cli.client.Cells;
import dev.sluice.cli.client.Job;
import dev.sluice.cli.client.SluiceClient;
import dev.sluice.cli.client.Table;
import dev.sluice.cli.client.TokenSource;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.URI;
import java.nio.file.Files;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

@Command(name = "demo", mixinStandardHelpOptions = true, sortOptions = false,
    description = {"Like 'up', plus sample jobs that start, wait and finish.",
        "The jobs: one on a whole GPU, one on half a GPU, one CPU-only, and one that waits because it asks "
            + "for every GPU. Without GPUs it simulates " + DemoCommand.DEFAULT_GPUS + " (override with --simulate-gpus)."})
public final class DemoCommand implements Callable<Integer> {
  static final String DEFAULT_GPUS = "2xH100-80GB";

  @Spec
  CommandSpec spec;

  @Mixin
  UpOptions options;

  @Override
  public Integer call() throws UserInputException, InterruptedException, IOException, ApiException {
    var out = spec.commandLine().getOut();
    var plane = LocalControlPlane.start(options, Optional.of(DEFAULT_GPUS));
    try {
      Banner.print(plane, options, out);
      submitSamples(plane, out);
    } catch (IOException | ApiException | RuntimeException e) {
      plane.close();
      throw e;
    }
    UpCommand.serveUntilStopped(plane, out);
    return 0;
  }

  /** The sample jobs: short shell commands that print and sleep. */
  static List<Map<String, Object>> samples(int gpuCount) {
    return List.of(
        sample("hello-gpu", Map.of("gpus", 1),
            "for i in 1 2 3 4 5 6; do echo \"step $i of 6 on GPU $CUDA_VISIBLE_DEVICES\"; sleep 5; done"),
        sample("half-a-gpu", Map.of("gpuFraction", 0.5),
            "echo \"a notebook on half of GPU $CUDA_VISIBLE_DEVICES\"; sleep 45; echo done"),
        sample("cpu-only", Map.of(), "echo 'no GPU needed'; sleep 2"),
        sample("needs-every-gpu", Map.of("gpus", gpuCount),
            "echo \"finally: all of GPUs $CUDA_VISIBLE_DEVICES\"; sleep 20; echo done"));
  }

  private static Map<String, Object> sample(String name, Map<String, Object> gpus, String script) {
    var body = new java.util.LinkedHashMap<String, Object>();
    body.put("name", name);
    body.put("queue", "default");
    body.put("command", List.of("sh", "-c", script));
    body.putAll(gpus);
    body.put("cpuMilli", 100);
    body.put("memoryMib", 128);
    return body;
  }

  private static void submitSamples(LocalControlPlane plane, PrintWriter out)
      throws IOException, ApiException, InterruptedException {
    var token = Files.readString(plane.adminTokenFile()).strip();
    var client = new SluiceClient(URI.create(plane.url()), new TokenSource(Optional.of(token), plane.adminTokenFile().toString()));
    int gpuCount = Math.max(1, plane.inventory().gpus().size());
    var table = new Table("  ID", "NAME", "GPUS", "STATE", "");
    for (var body : samples(gpuCount)) {
      var job = SluiceClient.as(client.post("/api/v1/jobs", body), Job.class);
      table.row("  " + job.id(), job.name(), Cells.gpuRequest(job.request()), job.state(),
          job.reason() == null ? "" : job.reason().message());
    }
    out.println();
    out.println("Submitted sample jobs (the last one waits until every GPU is free):");
    table.print(out);
    out.println("Watch them move: open the dashboard, or ./sluice list / ./sluice top / ./sluice describe ID");
    out.flush();
  }
}
