package dev.sluice.server.control;

import dev.sluice.core.fairness.FairShares;
import dev.sluice.core.spi.Launcher;
import dev.sluice.server.metrics.ServerMetrics;
import dev.sluice.server.store.Job;
import dev.sluice.server.store.JobState;
import dev.sluice.server.store.JobStore;
import dev.sluice.server.store.QueueRecord;
import dev.sluice.server.store.QueueStore;
import dev.sluice.server.store.Reason;
import java.nio.file.Path;
import java.time.Duration;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The control loop on one host. Each cycle records the exits of running jobs, asks {@link Scheduling} what
 * to do, stops the jobs it evicts (back to PENDING once their process is told to stop), launches what it
 * starts and keeps every waiting job's reason. Cycles run every tick and right after a submission,
 * cancellation or exit; one at a time, never alongside {@link #cancel}.
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
  private final QueueStore queues;
  private final Host host;
  private final Launcher launcher;
  private final Scheduling scheduling;
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
  private final CrashWindows crashes;
  private final JobEnds ends;
  private final WaitingJobs waiting;
  private volatile ClusterView view;

  public ControlPlane(JobStore jobs, QueueStore queues, Host host, Launcher launcher, Scheduling scheduling,
                      InstantSource clock, Path jobsDir, Duration grace, ServerMetrics metrics) {
    this(jobs, queues, host, launcher, scheduling, clock, jobsDir, grace, metrics, UnixAccounts.NONE, CrashWindows.none());
  }

  /**
   * As the other constructor, each job run as its user's Unix account ({@code accounts}), halting in the crash
   * window {@code crashes} names (tests only; {@link CrashWindows#none()} otherwise).
   */
  public ControlPlane(JobStore jobs, QueueStore queues, Host host, Launcher launcher, Scheduling scheduling,
                      InstantSource clock, Path jobsDir, Duration grace, ServerMetrics metrics, UnixAccounts accounts,
                      CrashWindows crashes) {
    this.jobs = jobs;
    this.queues = queues;
    this.host = host;
    this.launcher = launcher;
    this.scheduling = scheduling;
    this.clock = clock;
    this.launches = new JobLaunches(jobs, host, launcher, clock, jobsDir, accounts, crashes);
    this.crashes = crashes;
    this.stopping = new StoppingProcesses(launcher, grace);
    this.ends = new JobEnds(jobs, launcher, stopping, clock, crashes);
    this.waiting = new WaitingJobs(jobs);
    this.metrics = metrics;
    this.history = new UtilizationHistory(Duration.ofSeconds(5), Duration.ofHours(24));
    this.view = new ClusterView(clock.instant(), host.node().gpus().stream().map(g -> 0L).toList(),
        host.node().gpus().stream().map(g -> List.<String>of()).toList(), Map.of(), Map.of());
  }

  public Host host() {
    return host;
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
   * One cycle: records exits, then, if anything changed since the last decision (a submission, a
   * cancellation, an exit), decides again; otherwise only samples utilization.
   */
  public synchronized void cycle() {
    if (closing) return;
    long started = System.nanoTime();
    boolean exited = ends.recordExits();
    boolean changed = dirty.getAndSet(false);
    if (!exited && !changed) {
      sample(view, running(view), pending(view));
      return;
    }
    var queueMap = queues.list().stream().collect(Collectors.toMap(QueueRecord::name, Function.identity()));
    var running = jobs.inState(JobState.RUNNING);
    waiting.refresh();
    var pending = waiting.jobs().stream().filter(j -> !stopping.contains(j.seq())).toList();
    var occupying = new ArrayList<>(running);
    occupying.addAll(stopping.jobs());
    var decisions = scheduling.decide(new Scheduling.Cycle(new HostRoom(host, occupying).snapshot(), running, pending,
        queueMap, clock.instant()));
    var positions = carryOut(decisions, running);
    long took = System.nanoTime() - started;
    publish(positions, queueMap.keySet(), Duration.ofNanos(took));
    rest.after(took);
  }

  /**
   * Stops what is evicted, then starts what still fits once the stopped processes are counted as holding
   * their resources, and writes the waiting jobs' reasons; returns their queue positions by job number.
   */
  private Map<Long, Integer> carryOut(List<Scheduling.JobDecision> decisions, List<Job> running) {
    var stopped = new HashSet<Long>();
    for (var decision : decisions) {
      if (decision instanceof Scheduling.Evict evict && !closing && evict(evict)) stopped.add(evict.job().seq());
    }
    var holding = new ArrayList<>(running.stream().filter(j -> !stopped.contains(j.seq())).toList());
    holding.addAll(stopping.jobs());
    var room = new HostRoom(host, holding);
    var reasons = new LinkedHashMap<Long, Reason>();
    var positions = new HashMap<Long, Integer>();
    for (var decision : decisions) {
      switch (decision) {
        case Scheduling.Start start when closing -> { }
        case Scheduling.Start start when room.take(start.job(), start.gpuPositions()) -> {
          waiting.changed(start.job().seq());
          launches.launch(start);
        }
        case Scheduling.Start start -> reasons.put(start.job().seq(), stopping.startWaits());
        case Scheduling.Wait wait -> {
          positions.put(wait.job().seq(), wait.queuePosition());
          var reason = stopping.explain(wait.reason());
          if (!reason.equals(wait.job().reason())) reasons.put(wait.job().seq(), reason);
        }
        case Scheduling.Evict evict -> { }
      }
    }
    jobs.updatePendingReasons(reasons);
    waiting.reasonsWritten(reasons);
    return positions;
  }

  /**
   * Stops a running job to make room: puts it back to PENDING with the reason, then terminates its process with
   * the grace period (in this order, so that a crash in between leaves a pending job whose process a restart
   * stops and waits for, never a running job recorded as failed by the signal). Its process holds its GPUs until
   * it has exited.
   */
  private boolean evict(Scheduling.Evict evict) {
    var job = evict.job();
    if (ends.recordIfEnded(job)) {
      wake(); // it freed its room by ending: decide again rather than wait for the next change
      return false;
    }
    if (!jobs.requeue(job.seq(), evict.reason(), clock.instant())) return false;
    waiting.changed(job.seq());
    ends.stopRecorded(job);
    stopping.terminate(job);
    stopping.watch(job);
    metrics.preempted(job.queue());
    return true;
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

  /** The queues' fair shares as the last scheduling cycle computed them, if the scheduler computes any. */
  public Optional<FairShares> fairShares() {
    return scheduling.lastFairShares();
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
