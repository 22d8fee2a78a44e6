package dev.sluice.local.process;

import dev.sluice.core.spi.LaunchException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;

/**
 * The Unix account a job runs as, found with {@code getent passwd} (so NSS accounts count too), and the
 * {@code setpriv} prefix (util-linux) that switches a root launcher's job to it: its uid, gid and groups, no
 * capabilities and none to regain. Never root.
 */
record UnixAccount(String name, long uid, long gid) {
  private static final Pattern NAME = Pattern.compile("[a-z_][a-z0-9_-]{0,31}");
  private static final long LOOKUP_SECONDS = 10;

  UnixAccount {
    if (uid == 0) throw new IllegalArgumentException("a job never runs as root (account '" + name + "' has uid 0)");
  }

  /** The account named {@code name}; a launch error saying why when there is none or it is root. */
  static UnixAccount find(String name, String job) throws LaunchException {
    if (!NAME.matcher(name).matches()) throw new LaunchException(job + ": '" + name + "' is not a Unix account name");
    String line;
    try {
      var getent = new ProcessBuilder("getent", "passwd", name).redirectErrorStream(true).start();
      line = new String(getent.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
      if (!getent.waitFor(LOOKUP_SECONDS, TimeUnit.SECONDS) || getent.exitValue() != 0) line = "";
    } catch (IOException e) {
      throw new LaunchException(job + ": cannot look up Unix account '" + name + "': " + e.getMessage(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new LaunchException(job + ": interrupted while looking up Unix account '" + name + "'", e);
    }
    var fields = line.split(":");
    if (fields.length < 4 || !fields[0].equals(name)) throw new LaunchException(job + ": there is no Unix account '" + name + "'");
    long uid = Long.parseLong(fields[2]);
    if (uid == 0) throw new LaunchException(job + ": a job never runs as root (account '" + name + "' has uid 0)");
    return new UnixAccount(name, uid, Long.parseLong(fields[3]));
  }

  /** The programs that switch to this account and then run what follows. */
  List<String> switchTo(Path setpriv) {
    return List.of(setpriv.toString(), "--reuid=" + uid, "--regid=" + gid, "--init-groups", "--inh-caps=-all",
        "--bounding-set=-all", "--no-new-privs", "--");
  }

  /** Debian's nobody: what a job of a root launcher runs as when no account is named. */
  static UnixAccount nobody() {
    return new UnixAccount("nobody", JobSandbox.NOBODY, JobSandbox.NOBODY);
  }
}
