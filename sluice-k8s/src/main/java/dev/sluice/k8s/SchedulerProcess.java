package dev.sluice.k8s;

import dev.sluice.core.scheduler.SchedulerConfig;
import dev.sluice.k8s.resource.PodGroupResource;
import dev.sluice.k8s.resource.QueueResource;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.io.PrintWriter;
import java.time.Duration;
import java.time.InstantSource;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;

/**
 * {@code sluice k8s scheduler}: checks that the API server answers and Sluice's CRDs are installed, then
 * schedules (once it holds the lease, with leader election), printing what it watches, the first cycle's
 * summary and every cycle that bound or evicted something.
 */
public final class SchedulerProcess implements AutoCloseable {
  /** The file that installs the CRDs, named in the error when they are missing. */
  public static final String CRDS_FILE = "deploy/kubernetes/crds.yaml";
  private final KubernetesClient client;
  private final K8sConfig config;
  private final PrintWriter out;
  private final SchedulerMetrics metrics;
  private final Runnable exit;
  private final AtomicReference<KubernetesLoop> loop = new AtomicReference<>();
  private volatile java.util.concurrent.CompletableFuture<?> campaign;
  private volatile boolean closing;

  /**
   * @param exit ends the process: called when the lease is lost (binds of a former leader must not overlap the
   *             new one's, so it stops at once, as kube-scheduler does) or the JVM cannot go on
   */
  public SchedulerProcess(KubernetesClient client, K8sConfig config, SchedulerMetrics metrics, PrintWriter out, Runnable exit) {
    this.client = client;
    this.config = config;
    this.metrics = metrics;
    this.out = out;
    this.exit = exit;
  }

  /** Fails with one clear line when the API server cannot be reached or a CRD is missing. */
  public void check() throws KubernetesSetupException {
    try {
      var version = client.getKubernetesVersion();
      String name = version == null || version.getGitVersion() == null ? "version unknown" : "Kubernetes " + version.getGitVersion();
      out.println("sluice: API server " + client.getMasterUrl() + " (" + name + ")");
    } catch (KubernetesClientException e) {
      throw new KubernetesSetupException("cannot reach the Kubernetes API server at " + client.getMasterUrl() + " (" + firstLine(e)
          + "); check the kubeconfig's server address and that the API server is up");
    }
    for (var type : List.of(QueueResource.class, PodGroupResource.class)) {
      String crd = io.fabric8.kubernetes.api.model.HasMetadata.getFullResourceName(type);
      try {
        if (client.apiextensions().v1().customResourceDefinitions().withName(crd).get() == null) {
          throw new KubernetesSetupException("the custom resource definition " + crd + " is not installed; apply it with: kubectl apply -f "
              + CRDS_FILE);
        }
      } catch (KubernetesClientException e) {
        throw new KubernetesSetupException("cannot read custom resource definition " + crd + ": " + firstLine(e));
      }
    }
  }

  /** Schedules until closed; with {@code leadership}, only while holding the lease. */
  public void run(java.util.Optional<Leadership> leadership) {
    out.println("sluice: scheduling pods with schedulerName " + config.schedulerName() + "; watching nodes, pods, queues.sluice.dev, "
        + "podgroups.sluice.dev, namespaces, priorityclasses and batch jobs");
    out.flush();
    if (leadership.isEmpty()) {
      lead();
      return;
    }
    var l = leadership.get();
    out.println("sluice: campaigning for lease " + l.namespace() + "/" + l.name() + " as " + l.identity());
    out.flush();
    campaign = l.campaign(client, this::lead, this::leaseLost, leader -> {
      out.println("sluice: the leader is " + leader);
      out.flush();
    });
  }

  private void lead() {
    var next = new KubernetesLoop(client, config, SchedulerConfig.defaults(), InstantSource.system(), Duration.ofSeconds(30),
        Duration.ofHours(1));
    next.sync();
    next.onFatal(exit);
    next.onStaleGangs(metrics::record);
    var first = new AtomicBoolean(true);
    next.start(summary -> {
      metrics.record(summary);
      if (first.getAndSet(false) || summary.bound() > 0 || summary.evicted() > 0 || summary.failed() > 0) {
        out.println("sluice: " + summary.line());
        out.flush();
      }
    });
    var previous = loop.getAndSet(next);
    if (previous != null) previous.close();
  }

  private void leaseLost() {
    stepDown();
    if (!closing) {
      out.println("sluice: lost the lease; exiting so that no bind of this process overlaps the new leader's");
      out.flush();
      exit.run();
    }
  }

  private void stepDown() {
    var current = loop.getAndSet(null);
    if (current != null) {
      current.close();
      out.println("sluice: stopped scheduling");
      out.flush();
    }
  }

  /** Whether this process schedules now. */
  public boolean leading() {
    return loop.get() != null;
  }

  @Override
  public void close() {
    closing = true;
    if (campaign != null) campaign.cancel(true);
    stepDown();
  }

  /** The innermost cause's message, first line only: what actually went wrong (e.g. connection refused). */
  private static String firstLine(Exception e) {
    Throwable root = e;
    while (root.getCause() != null && root.getCause() != root) root = root.getCause();
    String message = root.getMessage() == null ? root.getClass().getSimpleName() : root.getClass().getSimpleName() + ": " + root.getMessage();
    int newline = message.indexOf('\n');
    return newline < 0 ? message : message.substring(0, newline);
  }

}
