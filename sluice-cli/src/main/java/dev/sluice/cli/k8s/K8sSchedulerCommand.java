package dev.sluice.cli.k8s;

import dev.sluice.cli.UserInputException;
import dev.sluice.cli.client.Quantities;
import dev.sluice.k8s.K8sConfig;
import dev.sluice.k8s.KubernetesSetupException;
import dev.sluice.k8s.Leadership;
import dev.sluice.k8s.SchedulerMetrics;
import dev.sluice.k8s.SchedulerProcess;
import java.io.IOException;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "scheduler", mixinStandardHelpOptions = true, sortOptions = false,
    description = {"Schedule the pods of a Kubernetes cluster that name Sluice as their scheduler.",
        "Reads nodes, pods, queues and pod groups from the API server, runs Sluice's scheduling cycle, binds pods, "
            + "evicts what reclaim and preemption decide, and writes reasons. Runs until stopped."})
public final class K8sSchedulerCommand implements Callable<Integer> {
  @Spec
  CommandSpec spec;

  @Mixin
  ClusterOptions cluster;

  @Option(names = "--scheduler-name", defaultValue = "sluice", description = "Pods with this spec.schedulerName are Sluice's (default: ${DEFAULT-VALUE}).")
  String schedulerName;

  @Option(names = "--leader-elect", description = "Schedule only while holding a Lease, so that several replicas can run.")
  boolean leaderElect;

  @Option(names = "--lease-namespace", defaultValue = "sluice-system", description = "Namespace of the Lease (default: ${DEFAULT-VALUE}).")
  String leaseNamespace;

  @Option(names = "--metrics-port", defaultValue = "8081", description = "Port of /metrics (Prometheus); 0 for none (default: ${DEFAULT-VALUE}).")
  int metricsPort;

  @Option(names = "--metrics-address", defaultValue = "0.0.0.0", description = "Address /metrics listens on (default: ${DEFAULT-VALUE}).")
  String metricsAddress;

  @Option(names = "--topology-label", paramLabel = "LEVEL=LABEL",
      description = "The node label naming a node's domain at a topology level a PodGroup may keep to (spec.topology); "
          + "repeat for each level. Default: zone=topology.kubernetes.io/zone, block=sluice.dev/block, rack=sluice.dev/rack.")
  Map<String, String> topologyLabels;

  @Option(names = "--gang-retry-backoff", paramLabel = "TIME", converter = Quantities.Pause.class, defaultValue = "10s",
      description = "How long a gang waits after the pods it had bound were taken back because others of its minimum did"
          + " not bind (doubling with each failure in a row), e.g. 10s, 2m, 0 for none (default: ${DEFAULT-VALUE}).")
  long gangRetryBackoffSeconds;

  @Option(names = "--stale-gang-grace", paramLabel = "TIME", converter = Quantities.Pause.class, defaultValue = "60s",
      description = "How long a gang may run below its minimum (one of its pods deleted, failed, evicted by someone else or its"
          + " node gone) before its remaining pods are evicted, e.g. 60s, 5m, 0 for at once (default: ${DEFAULT-VALUE}).")
  long staleGangGraceSeconds;

  @Override
  public Integer call() throws UserInputException, KubernetesSetupException, IOException, InterruptedException {
    if (schedulerName.isBlank()) throw new UserInputException("--scheduler-name must not be blank");
    if (metricsPort < 0 || metricsPort > 65_535) throw new UserInputException("--metrics-port must be in 0..65535, was " + metricsPort);
    var out = spec.commandLine().getOut();
    var config = K8sConfig.defaults().withSchedulerName(schedulerName).withGangRetryBackoff(Duration.ofSeconds(gangRetryBackoffSeconds))
        .withStaleGangGrace(Duration.ofSeconds(staleGangGraceSeconds));
    if (topologyLabels != null) {
      for (var entry : topologyLabels.entrySet()) {
        if (entry.getKey().isBlank() || entry.getValue().isBlank()) {
          throw new UserInputException("--topology-label: give LEVEL=LABEL, both not blank, was '" + entry.getKey() + "=" + entry.getValue() + "'");
        }
      }
      config = config.withTopologyLabels(topologyLabels);
    }
    try (var client = cluster.client(); var metrics = new SchedulerMetrics()) {
      var process = new SchedulerProcess(client, config, metrics, out, () -> Thread.ofPlatform().start(() -> System.exit(1)));
      process.check();
      if (metricsPort > 0) out.println("sluice: metrics at http://" + metricsAddress + ":" + metrics.serve(metricsAddress, metricsPort) + "/metrics");
      var leadership = leaderElect
          ? Optional.of(new Leadership(leaseNamespace, schedulerName + "-scheduler", identity(), Duration.ofSeconds(10)))
          : Optional.<Leadership>empty();
      process.run(leadership);
      awaitStop(process);
    }
    return 0;
  }

  private static String identity() {
    String host = System.getenv().getOrDefault("HOSTNAME", "sluice");
    return host + "-" + ProcessHandle.current().pid();
  }

  private static void awaitStop(SchedulerProcess process) throws InterruptedException {
    var stopped = new CountDownLatch(1);
    Runtime.getRuntime().addShutdownHook(Thread.ofPlatform().unstarted(() -> {
      process.close();
      stopped.countDown();
    }));
    stopped.await();
  }
}
