package dev.sluice.server.control;

import dev.sluice.control.ControlLoop;
import dev.sluice.control.CycleSummary;
import dev.sluice.control.DecisionSink;
import dev.sluice.control.SchedulingPolicy;
import dev.sluice.control.WorkloadSource;
import dev.sluice.core.fairness.FairShares;
import dev.sluice.core.fairness.UsageHistory;
import dev.sluice.core.spi.Launcher;
import dev.sluice.server.metrics.ServerMetrics;
import dev.sluice.server.store.Job;
import dev.sluice.server.store.JobState;
import dev.sluice.server.store.JobStore;
import dev.sluice.server.store.QueueStore;
import dev.sluice.server.store.Reason;
import java.nio.file.Path;
import java.time.Duration;
import java.time.InstantSource;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The control loop on one host. Each cycle records the exits of running jobs and, when anything changed, runs the
 * loop the live modes share ({@link ControlLoop}): {@link StoreSource} reads the store into the scheduler's snapshot,
 * the loop meters the queues' past usage and runs the {@link SchedulingPolicy} (fair share or priority) on it, and
 * {@link HostCommit} stops the jobs it evicts (back to PENDING once their process is told to stop), launches what it
 * starts and keeps every waiting job's reason. Cycles run every tick and right after a submission, cancellation or
 * exit; one at a time, never alongside {@link #cancel}.
 *
 * <p>A job becomes RUNNING in the store before its process is launched, and its process is recorded right
 * after; so after a crash a running job without a process is marked lost and nothing runs twice. A stopped
 * (cancelled or evicted) job's process holds its resources until it has exited: an evicted job is not
 * offered to the scheduler again, nor is a start that needs those resources carried out, until then.
 *
 * <p>The waiting jobs are kept between cycles ({@link WaitingJobs}): a cycle reads the jobs submitted since and those
 * this control plane changed, never the whole queue again; every change to a pending job other than a submission
 * passes through it (starts, evictions, cancellations, reasons) or through {@link #adopt}, which reads them afresh.
 */
public final class ControlPlane implements AutoCloseable {
  private static final System.Logger LOG = System.getLogger(ControlPlane.class.getName());
  private final JobStore jobs;
  private final Host host;
  private final Launcher launcher;
  private final InstantSource clock;
  private final JobLaunches launches;
  private final ServerMetrics metrics;
  private final UtilizationHistory history;
  private final ScheduledExecutorService executor = Executors.newSingleThreadScheduledExecutor(
      Thread.ofPlatform().name("sluice-control-plane").daemon(true).factory());
  private final AtomicBoolean wakeQueued = new AtomicBoolean();
  private final AtomicBoolean dirty = new AtomicBoolean(true);
  private final LoopRest rest = new LoopRest();
  private volatile boolean started;
  private volatile boolean closing;
  private final StoppingProcesses stopping;
  private final JobEnds ends;
  private final WaitingJobs waiting;
  private final StoreSource source;
  private final HostCommit commit;
  private final ControlLoop<StoreRead> loop;
  private volatile ClusterView view;

  public ControlPlane(JobStore jobs, QueueStore queues, Host host, Launcher launcher, SchedulingPolicy policy,
                      InstantSource clock, Path jobsDir, Duration grace, ServerMetrics metrics) {
    this(jobs, queues, host, launcher, policy, clock, jobsDir, grace, metrics, UnixAccounts.NONE, CrashWindows.none());
  }

  /**
   * As the other constructor, each job run as its user's Unix account ({@code accounts}), halting in the crash
   * window {@code crashes} names (tests only; {@link CrashWindows#none()} otherwise).
   */
  public ControlPlane(JobStore jobs, QueueStore queues, Host host, Launcher launcher, SchedulingPolicy policy,
                      InstantSource clock, Path jobsDir, Duration grace, ServerMetrics metrics, UnixAccounts accounts,
                      CrashWindows crashes) {
    this.jobs = jobs;
    this.host = host;
    this.launcher = launcher;
    this.clock = clock;
    this.launches = new JobLaunches(jobs, host, launcher, clock, jobsDir, accounts, crashes);
    this.stopping = new StoppingProcesses(launcher, grace);
    this.ends = new JobEnds(jobs, launcher, stopping, clock, crashes);
    this.waiting = new WaitingJobs(jobs);
    this.source = new StoreSource(jobs, queues, host, waiting, stopping);
    this.commit = new HostCommit(jobs, host, launches, ends, stopping, waiting, metrics, this::wake, () -> closing);
    this.loop = new ControlLoop<>(source, commit, policy, clock);
    this.metrics = metrics;
    this.history = new UtilizationHistory(Duration.ofSeconds(5), Duration.ofHours(24));
    this.view = new ClusterView(clock.instant(), host.node().gpus().stream().map(g -> 0L).toList(),
        host.node().gpus().stream().map(g -> List.<String>of()).toList(), Map.of(), Map.of());
  }

  public Host host() {
    return host;
  }

  /** Why no job could work in {@code workDir} on this host ({@link Launcher#workDirRefusal}); empty when one could. */
  public Optional<String> workDirRefusal(Path workDir) {
    return launcher.workDirRefusal(workDir);
  }

  /** Adopts what runs from before, then cycles every {@code tick}. */
  public void start(Duration tick) {
    adopt();
    started = true;
    executor.scheduleWithFixedDelay(this::pacedCycle, 0, tick.toMillis(), TimeUnit.MILLISECONDS);
  }

  /**
   * Says that something changed (a submission, a cancellation) and asks for a cycle as soon as the loop has rested
   * after its last decision (several requests before it runs make one cycle; only once started). The loop rests as
   * long as its last deciding cycle took, so that under a stream of submissions into a deep queue deciding takes at
   * most half of its time and the submissions get the rest; a cycle over a short queue takes milliseconds.
   */
  public void wake() {
    dirty.set(true);
    if (started && !closing && wakeQueued.compareAndSet(false, true)) {
      try {
        executor.schedule(() -> {
          wakeQueued.set(false);
          pacedCycle();
        }, rest.remainingNanos(), TimeUnit.NANOSECONDS);
      } catch (java.util.concurrent.RejectedExecutionException e) {
        wakeQueued.set(false);
      }
    }
  }

  /** After a restart: what the jobs an earlier control plane left become (see {@link Adoption}). */
  public synchronized void adopt() {
    waiting.forget();
    new Adoption(jobs, launcher, stopping, clock).run();
  }

  /** A cycle unless the loop is resting ({@link #wake}); a wake scheduled for the rest's end does it then. */
  private void pacedCycle() {
    if (rest.remainingNanos() == 0) cycleSafely();
  }

  private void cycleSafely() {
    try {
      cycle();
    } catch (RuntimeException e) {
      LOG.log(System.Logger.Level.ERROR, "scheduling cycle failed", e);
    }
  }

  /**
   * One cycle: records exits, then, if anything changed since the last decision (a submission, a cancellation, an
   * exit), decides again through the shared loop and says what it did; otherwise only samples utilization.
   */
  public synchronized Optional<CycleSummary> cycle() {
    if (closing) return Optional.empty();
    long started = System.nanoTime();
    boolean exited = ends.recordExits();
    boolean changed = dirty.getAndSet(false);
    if (!exited && !changed) {
      sample(view, running(view), pending(view));
      return Optional.empty();
    }
    CycleSummary summary;
    try {
      summary = loop.cycle();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return Optional.empty();
    }
    long took = System.nanoTime() - started;
    publish(commit.positions(), commit.queueNames(), Duration.ofNanos(took));
    rest.after(took);
    return Optional.of(summary);
  }

  /** The port this control plane reads its store through: for the control loop's contract test. */
  WorkloadSource<StoreRead> source() {
    return source;
  }

  /** The port this control plane commits through: for the control loop's contract test. */
  DecisionSink<StoreRead> sink() {
    return commit;
  }

  /** Where the job's output files are. */
  public Path jobDir(String jobId) {
    return launches.jobDir(jobId);
  }

  /**
   * Cancels a pending or running job (a running one gets SIGTERM, then SIGKILL after the grace period).
   *
   * @return the job as it is now, or empty when it had already finished
   */
  public synchronized Optional<Job> cancel(Job job, String byUser) {
    var reason = new Reason("cancelled", "cancelled by " + byUser);
    var now = clock.instant();
    waiting.changed(job.seq());
    if (jobs.finish(job.seq(), JobState.PENDING, JobState.CANCELLED, reason, null, now)) {
      wake();
      return jobs.find(job.seq());
    }
    var current = jobs.find(job.seq()).orElseThrow();
    if (current.state() == JobState.RUNNING && ends.recordIfEnded(current)) {
      wake(); // it ended by itself just now, freeing its room
      return Optional.empty();
    }
    if (current.state() == JobState.RUNNING && ends.end(current, JobState.CANCELLED, reason, now)) {
      wake();
      return jobs.find(job.seq());
    }
    return Optional.empty();
  }

  private void publish(Map<Long, Integer> positions, Iterable<String> queueNames, Duration took) {
    var running = jobs.inState(JobState.RUNNING);
    waiting.refresh();
    view = ClusterView.of(host, running, waiting.byQueue(), positions, clock.instant());
    sample(view, running.size(), pending(view));
    metrics.cycleCompleted(took, view, queueNames);
  }

  private void sample(ClusterView current, int running, int pending) {
    history.offer(new UtilizationPoint(clock.instant(), current.gpuAllocatedMilliTotal(), 1000L * host.node().gpuCount(),
        running, pending));
  }

  private static int running(ClusterView view) {
    return view.queues().values().stream().mapToInt(QueueLoad::running).sum();
  }

  private static int pending(ClusterView view) {
    return view.queues().values().stream().mapToInt(QueueLoad::pending).sum();
  }

  /** The queues' fair shares as the last scheduling cycle computed them, if its policy computes any. */
  public Optional<FairShares> fairShares() {
    return commit.fairShares();
  }

  /** The queues' past usage as of the last cycle that decided (GPU-milli-seconds, decayed); empty before the first. */
  public Optional<UsageHistory> usage() {
    return loop.usage();
  }

  /** The host as of the last cycle. */
  public ClusterView view() {
    return view;
  }

  /** Samples of the last {@code window}, oldest first. */
  public List<UtilizationPoint> utilization(Duration window) {
    return history.since(clock.instant().minus(window));
  }

  /**
   * Stops cycling: lets a running cycle finish its current write without interrupting it (an interrupt would
   * close the embedded database's file under it) and launch nothing more.
   */
  @Override
  public void close() {
    closing = true;
    executor.shutdown();
    try {
      if (!executor.awaitTermination(30, TimeUnit.SECONDS)) {
        LOG.log(System.Logger.Level.WARNING, "control loop still busy after 30 s; stopping it");
        executor.shutdownNow();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

}
