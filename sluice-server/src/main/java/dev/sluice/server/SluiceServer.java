package dev.sluice.server;

import dev.sluice.control.SchedulingPolicies;
import dev.sluice.control.SchedulingPolicy;
import dev.sluice.core.model.NicDevice;
import dev.sluice.core.scheduler.SchedulerConfig;
import dev.sluice.core.spi.GpuInventory;
import dev.sluice.core.spi.Launcher;
import dev.sluice.server.control.ControlPlane;
import dev.sluice.server.control.Host;
import dev.sluice.server.http.ApiServer;
import dev.sluice.server.http.Tokens;
import dev.sluice.server.metrics.ServerMetrics;
import dev.sluice.server.store.Database;
import dev.sluice.server.store.JdbcJobStore;
import dev.sluice.server.store.JdbcQueueStore;
import dev.sluice.server.store.JdbcUserStore;
import dev.sluice.server.store.NewToken;
import dev.sluice.server.store.QueueRecord;
import dev.sluice.server.store.QueueStore;
import dev.sluice.server.store.Role;
import dev.sluice.server.store.TokenOrigin;
import dev.sluice.server.store.User;
import dev.sluice.server.store.UserStore;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.InstantSource;
import java.util.List;
import java.util.Map;

/**
 * A running control plane: store, scheduling loop and HTTP API on one port. Start it with {@link #start};
 * {@link #close} stops it (running jobs keep running and are adopted by the next start).
 */
public final class SluiceServer implements AutoCloseable {
  private final Database database;
  private final ControlPlane controlPlane;
  private final ApiServer api;
  private final String url;
  private final Path adminTokenFile;

  private SluiceServer(Database database, ControlPlane controlPlane, ApiServer api, String url, Path adminTokenFile) {
    this.database = database;
    this.controlPlane = controlPlane;
    this.api = api;
    this.url = url;
    this.adminTokenFile = adminTokenFile;
  }

  /** Starts the control plane with the system clock. */
  public static SluiceServer start(ServerConfig config, GpuInventory inventory, Launcher launcher) {
    return start(config, inventory, launcher, InstantSource.system());
  }

  /** Starts the control plane on a host without NICs that jobs may ask bandwidth of. */
  public static SluiceServer start(ServerConfig config, GpuInventory inventory, Launcher launcher, InstantSource clock) {
    return start(config, inventory, List.of(), launcher, clock);
  }

  /**
   * Starts the control plane with this host's GPUs and NICs; on first start creates the queue {@code default}
   * and the user {@code admin}.
   */
  public static SluiceServer start(ServerConfig config, GpuInventory inventory, List<NicDevice> nics, Launcher launcher,
                                   InstantSource clock) {
    var dataDir = createDirectories(config.dataDir());
    var database = config.dbUrl() == null ? Database.open(Database.h2Url(dataDir), null, null)
        : Database.open(config.dbUrl(), config.dbUser(), config.dbPassword());
    try {
      var jobs = new JdbcJobStore(database);
      var queues = new JdbcQueueStore(database, clock);
      var users = new JdbcUserStore(database, clock);
      var tokenFile = firstStart(queues, users, dataDir);
      OwnerOnly.apply(dataDir); // at every start: a data directory made by an older version or by hand included
      var host = Host.of(hostName(), cpuMilli(config), memoryMib(config), inventory, nics);
      var metrics = new ServerMetrics();
      var controlPlane = new ControlPlane(jobs, queues, host, launcher, policy(config, launcher), clock,
          createDirectories(dataDir.resolve("jobs")), config.gracePeriod(), metrics,
          user -> users.find(user).map(User::unixUser).orElse(null), config.crashes());
      var api = new ApiServer(jobs, queues, users, controlPlane, metrics, clock, System.getProperty("user.dir"),
          database::problem);
      int port = api.start(config.bindHost(), config.port());
      controlPlane.start(config.tick());
      var shownHost = config.bindHost().contains(":") ? "[" + config.bindHost() + "]" : config.bindHost();
      return new SluiceServer(database, controlPlane, api, "http://" + shownHost + ":" + port, tokenFile);
    } catch (RuntimeException e) {
      database.close();
      throw e;
    }
  }

  private static SchedulingPolicy policy(ServerConfig config, Launcher launcher) {
    return ServerConfig.PRIORITY.equals(config.scheduler()) ? SchedulingPolicies.priority()
        : SchedulingPolicies.fairShare(SchedulerConfig.defaults().withMoves(launcher.movesRunningWork()));
  }

  /**
   * Creates queue {@code default} and user {@code admin} when absent, and makes sure {@code admin.token}
   * (mode 600) holds a token that works: when the file is missing or its token was revoked or has expired, a
   * new one is written and the one written before is revoked; when it works, it is the admin file's token from
   * then on (an upgrade from before revocable tokens could not tell which of the admin's tokens that was).
   */
  private static Path firstStart(QueueStore queues, UserStore users, Path dataDir) {
    queues.create(new QueueRecord("default", null, 0, Map.of()));
    users.create(new User("admin", Role.ADMIN, List.of("default")));
    var tokenFile = dataDir.resolve("admin.token");
    if (fileTokenWorks(users, tokenFile)) {
      users.adoptToken("admin", Tokens.hash(readToken(tokenFile)), TokenOrigin.ADMIN_FILE, "admin.token");
      return tokenFile;
    }
    var token = Tokens.generate();
    try {
      Files.deleteIfExists(tokenFile);
      Files.createFile(tokenFile, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
      Files.writeString(tokenFile, token + "\n");
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + tokenFile, e);
    }
    users.replaceTokens(new NewToken("admin", Tokens.hash(token), "admin.token", TokenOrigin.ADMIN_FILE, null));
    return tokenFile;
  }

  private static String readToken(Path tokenFile) {
    try {
      return Files.readString(tokenFile).trim();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + tokenFile, e);
    }
  }

  private static boolean fileTokenWorks(UserStore users, Path tokenFile) {
    if (!Files.isRegularFile(tokenFile)) return false;
    return users.findByTokenHash(Tokens.hash(readToken(tokenFile))).filter(User::isAdmin).isPresent();
  }

  /** Creates {@code dir} readable by its owner only (it holds the database and every job's output), if absent. */
  private static Path createDirectories(Path dir) {
    try {
      if (Files.isDirectory(dir)) return dir;
      return Files.createDirectories(dir, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create " + dir, e);
    }
  }

  private static String hostName() {
    try {
      return InetAddress.getLocalHost().getHostName();
    } catch (UnknownHostException e) {
      return "localhost";
    }
  }

  private static long cpuMilli(ServerConfig config) {
    return config.hostCpuMilli() > 0 ? config.hostCpuMilli() : 1000L * Runtime.getRuntime().availableProcessors();
  }

  private static long memoryMib(ServerConfig config) {
    if (config.hostMemoryMib() > 0) return config.hostMemoryMib();
    var os = (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
    return os.getTotalMemorySize() / (1024 * 1024);
  }

  /** The base URL, e.g. {@code http://127.0.0.1:8080}. */
  public String url() {
    return url;
  }

  /** The file holding the admin's token (written on first start, mode 600). */
  public Path adminTokenFile() {
    return adminTokenFile;
  }

  public ControlPlane controlPlane() {
    return controlPlane;
  }

  /** Every route served, as {@code "GET /api/v1/jobs"}. */
  public List<String> routes() {
    return api.routes().stream().map(r -> r.method().name() + " " + r.path()).toList();
  }

  @Override
  public void close() {
    api.stop();
    controlPlane.close();
    database.close();
  }
}
