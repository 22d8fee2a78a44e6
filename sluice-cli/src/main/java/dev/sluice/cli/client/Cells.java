package dev.sluice.cli.client;

import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.stream.Collectors;

/** How the CLI shows amounts and times in a table cell. */
public final class Cells {
  private Cells() {
  }

  /** GPU milli as devices: 1500 → "1.5", 2000 → "2", 0 → "0". */
  public static String gpus(long milli) {
    if (milli % 1000 == 0) return Long.toString(milli / 1000);
    return String.format(Locale.ROOT, "%.3f", milli / 1000.0).replaceAll("0+$", "");
  }

  /** A GPU quota amount, null meaning unlimited. */
  public static String gpuLimit(Long milli) {
    return milli == null ? "∞" : gpus(milli);
  }

  /** What a job asked for in GPUs: "2", "0.5" or "0.25 (20GiB)". */
  public static String gpuRequest(Job.Request request) {
    if (request == null) return "-";
    var devices = gpus(Math.round(request.gpuDevices() * 1000));
    return request.gpuMemoryMib() > 0 ? devices + " (" + mib(request.gpuMemoryMib()) + ")" : devices;
  }

  /** Mebibytes, as GiB when whole: 20480 → "20GiB", 1536 → "1536MiB". */
  public static String mib(long mib) {
    return mib % 1024 == 0 ? mib / 1024 + "GiB" : mib + "MiB";
  }

  /** CPU milli as cores: 1000 → "1", 500 → "0.5". */
  public static String cpus(long milli) {
    return gpus(milli);
  }

  /** Where a job runs: "gpu-box:0,1", "gpu-box" for a CPU-only job, "-" when not placed. */
  public static String placement(Job job) {
    if (job.node() == null) return "-";
    if (job.gpuIndices().isEmpty()) return job.node();
    var gpus = job.gpuIndices().stream().map(String::valueOf).collect(Collectors.joining(","));
    return job.node() + ":" + gpus + (job.simulatedGpus() ? " (sim)" : "");
  }

  /** How long ago an ISO-8601 time was, coarsely: "42s", "5m", "3h", "2d". */
  public static String age(String isoTime, Instant now) {
    if (isoTime == null) return "-";
    try {
      var seconds = Math.max(0, Duration.between(Instant.parse(isoTime), now).toSeconds());
      if (seconds < 120) return seconds + "s";
      if (seconds < 7200) return seconds / 60 + "m";
      if (seconds < 172800) return seconds / 3600 + "h";
      return seconds / 86400 + "d";
    } catch (DateTimeParseException e) {
      return isoTime;
    }
  }

  /** A command as a shell would read it back: arguments with spaces or quotes are single-quoted. */
  public static String command(java.util.List<String> command) {
    return command.stream().map(Cells::shellWord).collect(Collectors.joining(" "));
  }

  private static String shellWord(String word) {
    if (!word.isEmpty() && word.matches("[A-Za-z0-9_./:=@%+,-]+")) return word;
    return "'" + word.replace("'", "'\\''") + "'";
  }

  /** Cuts long text to {@code max} characters with an ellipsis. */
  public static String cut(String text, int max) {
    if (text == null) return "-";
    return text.length() <= max ? text : text.substring(0, max - 1) + "…";
  }
}
