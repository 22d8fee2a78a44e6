package dev.sluice.local.process;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Which work directories a sandboxed job may be given. The sandbox makes its work directory writable whole, so a
 * work directory that is, holds or lies inside something the sandbox must keep from jobs is refused:
 * <ul>
 *   <li>the root {@code /}, and anything inside the kernel's {@code /proc}, {@code /sys} and {@code /dev};</li>
 *   <li>{@code /tmp} itself, which each job gets empty and its own;</li>
 *   <li>anything inside a hidden directory (the data directory: {@code admin.token}, the database, every job's
 *       output and run directory; {@code ~/.sluice});</li>
 *   <li>the server's installations, inside or around them: the directory that holds its jar (its code runs
 *       outside the sandbox at the next start) and the JDK it runs on ({@code java.home}: every job's wrapper runs
 *       its {@code java} outside the sandbox);</li>
 *   <li>anything inside a directory that stays read-only to jobs (the Sluice checkout {@code ./sluice} runs and
 *       rebuilds: a job's work directory may be or hold it, and the sandbox mounts it read-only there);</li>
 *   <li>the server's home directory or a directory around it, and anything inside one of its dot-directories
 *       ({@code ~/.bashrc}, {@code ~/.ssh}, {@code ~/.config}, {@code ~/.m2}, {@code ~/.local/bin}: what runs
 *       outside the sandbox).</li>
 * </ul>
 * A work directory that holds a hidden directory, {@code /tmp} or {@code /dev} is allowed: the sandbox mounts
 * those after the work directory, so they cover it there (the default, a project directory holding
 * {@code sluice-data}, is one). Each path is compared as written and as it really is (links followed through its
 * nearest existing ancestor), so a link cannot lead around the rule.
 *
 * @param hidden       directories no job may see, absolute and normalized
 * @param home         the server's home directory
 * @param installations the directories that hold the server's code and the JDK it runs on
 * @param readOnly      directories the sandbox keeps read-only inside a work directory that is or holds them
 */
record WorkDirectoryRule(List<Path> hidden, Path home, List<Path> installations, List<Path> readOnly) {
  private static final Path ROOT = Path.of("/");
  private static final List<Path> KERNEL = List.of(Path.of("/proc"), Path.of("/sys"), Path.of("/dev"));
  private static final Path TMP = Path.of("/tmp");

  WorkDirectoryRule {
    hidden = hidden.stream().map(WorkDirectoryRule::absolute).toList();
    home = absolute(home);
    installations = installations.stream().map(WorkDirectoryRule::absolute).toList();
    readOnly = readOnly.stream().map(WorkDirectoryRule::absolute).toList();
  }

  /** The rule for this server: its home is {@code user.home}, its installations this code's directory and its JDK. */
  static WorkDirectoryRule forThisServer(List<Path> hidden) {
    return new WorkDirectoryRule(hidden, ThisServer.HOME, ThisServer.INSTALLATIONS, ThisServer.READ_ONLY);
  }

  /** What the rule guards of this process, worked out once (every submission and launch asks the rule). */
  private static final class ThisServer {
    static final Path HOME = Path.of(System.getProperty("user.home"));
    static final List<Path> INSTALLATIONS = List.of(installationDirectory(), Path.of(System.getProperty("java.home")));
    static final List<Path> READ_ONLY = checkout();
  }

  /**
   * The directories jobs may not change even inside their work directory: the Sluice checkout that {@code ./sluice}
   * ran this server from (the {@code sluice.home} property it passes), whose scripts and sources run outside the
   * sandbox at its next command. Empty when the server runs from a jar alone.
   */
  static List<Path> readOnlyForJobs() {
    return ThisServer.READ_ONLY;
  }

  private static List<Path> checkout() {
    var home = System.getProperty("sluice.home");
    if (home == null || home.isBlank() || !Files.isDirectory(Path.of(home))) return List.of();
    return List.of(absolute(Path.of(home)));
  }

  /** Why no sandboxed job may work in {@code workDir}; empty when one may. */
  Optional<String> refusal(Path workDir) {
    var dir = absolute(workDir);
    return Stream.of(dir, real(dir)).distinct().map(this::refusalOf).flatMap(Optional::stream).findFirst()
        .map(why -> "work directory " + dir + " " + why);
  }

  private Optional<String> refusalOf(Path dir) {
    if (dir.equals(ROOT)) return Optional.of("is the root: a job may write only in its own directory");
    for (var kernel : KERNEL) {
      if (dir.startsWith(kernel)) return Optional.of("is inside " + kernel + ", a kernel file system");
    }
    if (dir.equals(TMP)) return Optional.of("is /tmp, which each job gets empty and its own");
    for (var path : hidden) {
      if (inside(dir, path)) return Optional.of("is inside " + path + ", which jobs cannot see");
    }
    for (var code : readOnly) {
      if (inside(dir, code) && !dir.equals(code) && !dir.equals(real(code))) {
        return Optional.of("is inside " + code + ", Sluice's checkout, whose scripts and sources run outside the sandbox");
      }
    }
    for (var installation : installations) {
      if (inside(dir, installation) || holds(dir, installation) && !keptReadOnly(dir, installation)) {
        return Optional.of(where(dir, installation) + " the server's installation " + installation
            + ", whose code runs outside the sandbox");
      }
    }
    if (holds(dir, home)) {
      return Optional.of(where(dir, home) + " the server's home directory " + home + ", whose start-up files run"
          + " outside the sandbox");
    }
    for (var base : List.of(home, real(home))) {
      if (dir.startsWith(base) && !dir.equals(base) && base.relativize(dir).getName(0).toString().startsWith(".")) {
        return Optional.of("is inside " + base.resolve(base.relativize(dir).getName(0)) + ", a dot-directory of the"
            + " server's home, whose files run outside the sandbox");
      }
    }
    return Optional.empty();
  }

  /**
   * Whether {@code guarded}, which {@code dir} holds, lies in a read-only directory that {@code dir} is or holds, so
   * that the sandbox mounts it read-only there (the jar in {@code ./sluice}'s checkout, a job working in the checkout).
   */
  private boolean keptReadOnly(Path dir, Path guarded) {
    return readOnly.stream().anyMatch(code -> inside(guarded, code) && holds(dir, code));
  }

  /** Whether {@code dir} is {@code guarded} or lies inside it, as written or as it really is. */
  private static boolean inside(Path dir, Path guarded) {
    return dir.startsWith(guarded) || dir.startsWith(real(guarded));
  }

  /** Whether {@code dir} is {@code guarded} or lies around it, as written or as it really is. */
  private static boolean holds(Path dir, Path guarded) {
    return guarded.startsWith(dir) || real(guarded).startsWith(dir);
  }

  private static String where(Path dir, Path guarded) {
    if (dir.equals(guarded) || dir.equals(real(guarded))) return "is";
    return inside(dir, guarded) ? "is inside" : "holds";
  }

  /** {@code dir} as it really is: its nearest existing ancestor with links followed, the rest as written. */
  static Path real(Path dir) {
    var existing = dir;
    while (existing != null && !Files.exists(existing)) existing = existing.getParent();
    if (existing == null) return dir;
    try {
      return existing.toRealPath().resolve(existing.relativize(dir)).normalize();
    } catch (IOException e) {
      return dir;
    }
  }

  private static Path absolute(Path path) {
    return Objects.requireNonNull(path, "path").toAbsolutePath().normalize();
  }

  /** The directory that holds this code: the jar's directory, or the classes directory in a build. */
  private static Path installationDirectory() {
    try {
      var code = Path.of(WorkDirectoryRule.class.getProtectionDomain().getCodeSource().getLocation().toURI());
      return Files.isRegularFile(code) ? code.getParent() : code;
    } catch (URISyntaxException | RuntimeException e) {
      throw new IllegalStateException("cannot tell where this server's code lies", e);
    }
  }
}
