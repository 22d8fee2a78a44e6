package dev.sluice.server;

import dev.sluice.server.control.CrashWindows;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;

/**
 * How to run the control plane.
 *
 * @param dataDir        where the embedded database, {@code admin.token} and the jobs' output live
 * @param port           the HTTP port; 0 picks a free one (default 8080)
 * @param bindHost       the address to listen on (default 127.0.0.1, loopback only)
 * @param dbUrl          JDBC URL of the database; null for the embedded H2 file in {@code dataDir}
 * @param dbUser         database user; null for none (H2) or the driver's default
 * @param dbPassword     database password; null for none
 * @param gracePeriod    how long a cancelled job gets between SIGTERM and SIGKILL (default 10 s)
 * @param tick           how often the scheduling cycle runs at the least (default 200 ms)
 * @param hostCpuMilli   CPU of this host offered to jobs, in thousandths of a core; 0 for all of it
 * @param hostMemoryMib  memory of this host offered to jobs; 0 for all of it
 * @param scheduler      how jobs are scheduled: {@code fair-share} (the default; queues, quotas, fair share,
 *                       reclaim and preemption) or {@code priority} (queue priority, job priority, submission)
 * @param crashes        where the control loop halts the JVM, for tests of what a restart makes of a crash
 *                       ({@link CrashWindows}); {@link CrashWindows#none()} by default
 */
public record ServerConfig(Path dataDir, int port, String bindHost, String dbUrl, String dbUser, String dbPassword,
                           Duration gracePeriod, Duration tick, long hostCpuMilli, long hostMemoryMib,
                           String scheduler, CrashWindows crashes) {
  public static final int DEFAULT_PORT = 8080;
  public static final String DEFAULT_BIND_HOST = "127.0.0.1";
  public static final Duration DEFAULT_GRACE = Duration.ofSeconds(10);
  public static final Duration DEFAULT_TICK = Duration.ofMillis(200);
  public static final String FAIR_SHARE = "fair-share";
  public static final String PRIORITY = "priority";

  public ServerConfig {
    Objects.requireNonNull(dataDir, "dataDir");
    if (port < 0 || port > 65535) throw new IllegalArgumentException("port must be in 0..65535, was " + port);
    Objects.requireNonNull(bindHost, "bindHost");
    if (bindHost.isBlank()) throw new IllegalArgumentException("bindHost must not be blank");
    if (dbUrl != null && !dbUrl.startsWith("jdbc:h2:") && !dbUrl.startsWith("jdbc:postgresql:")) {
      throw new IllegalArgumentException("db url must start with jdbc:postgresql: or jdbc:h2:, was " + dbUrl);
    }
    Objects.requireNonNull(gracePeriod, "gracePeriod");
    if (gracePeriod.isNegative()) throw new IllegalArgumentException("grace period must not be negative");
    Objects.requireNonNull(tick, "tick");
    if (tick.toMillis() < 10) throw new IllegalArgumentException("tick must be at least 10 ms, was " + tick.toMillis());
    if (hostCpuMilli < 0) throw new IllegalArgumentException("hostCpuMilli must be >= 0");
    if (hostMemoryMib < 0) throw new IllegalArgumentException("hostMemoryMib must be >= 0");
    if (!FAIR_SHARE.equals(scheduler) && !PRIORITY.equals(scheduler)) {
      throw new IllegalArgumentException("scheduler must be fair-share or priority, was " + scheduler);
    }
    Objects.requireNonNull(crashes, "crashes");
  }

  /** The defaults, with the data directory given. */
  public static ServerConfig defaults(Path dataDir) {
    return new ServerConfig(dataDir, DEFAULT_PORT, DEFAULT_BIND_HOST, null, null, null, DEFAULT_GRACE, DEFAULT_TICK, 0, 0,
        FAIR_SHARE, CrashWindows.none());
  }

  public ServerConfig withPort(int newPort) {
    return new ServerConfig(dataDir, newPort, bindHost, dbUrl, dbUser, dbPassword, gracePeriod, tick, hostCpuMilli,
        hostMemoryMib, scheduler, crashes);
  }

  public ServerConfig withBindHost(String host) {
    return new ServerConfig(dataDir, port, host, dbUrl, dbUser, dbPassword, gracePeriod, tick, hostCpuMilli, hostMemoryMib,
        scheduler, crashes);
  }

  public ServerConfig withDatabase(String url, String user, String password) {
    return new ServerConfig(dataDir, port, bindHost, url, user, password, gracePeriod, tick, hostCpuMilli, hostMemoryMib,
        scheduler, crashes);
  }

  public ServerConfig withGracePeriod(Duration grace) {
    return new ServerConfig(dataDir, port, bindHost, dbUrl, dbUser, dbPassword, grace, tick, hostCpuMilli, hostMemoryMib,
        scheduler, crashes);
  }

  public ServerConfig withTick(Duration newTick) {
    return new ServerConfig(dataDir, port, bindHost, dbUrl, dbUser, dbPassword, gracePeriod, newTick, hostCpuMilli,
        hostMemoryMib, scheduler, crashes);
  }

  public ServerConfig withHostResources(long cpuMilli, long memoryMib) {
    return new ServerConfig(dataDir, port, bindHost, dbUrl, dbUser, dbPassword, gracePeriod, tick, cpuMilli, memoryMib,
        scheduler, crashes);
  }

  /** Halts the JVM in the crash window {@code window} names (for tests). */
  public ServerConfig withCrashes(CrashWindows window) {
    return new ServerConfig(dataDir, port, bindHost, dbUrl, dbUser, dbPassword, gracePeriod, tick, hostCpuMilli, hostMemoryMib,
        scheduler, window);
  }

  public ServerConfig withScheduler(String name) {
    return new ServerConfig(dataDir, port, bindHost, dbUrl, dbUser, dbPassword, gracePeriod, tick, hostCpuMilli, hostMemoryMib,
        name, crashes);
  }
}
