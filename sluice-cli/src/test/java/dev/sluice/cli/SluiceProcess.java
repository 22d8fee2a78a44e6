package dev.sluice.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;

/**
 * {@code sluice} as a user runs it: the built jar in its own JVM, its output read line by line as it comes.
 *
 * @param seen the lines read so far by {@link #await}
 */
record SluiceProcess(Process process, BlockingQueue<String> lines, List<String> seen) {
  static final Path JAR = Path.of("target", "sluice.jar");
  private static final Pattern UP_AT = Pattern.compile("Sluice is up at (http://127\\.0\\.0\\.1:\\d+)");

  /** Starts {@code java JVM_OPTIONS -jar sluice.jar ARGS} in {@code workDir}. */
  static SluiceProcess start(Path workDir, List<String> jvmOptions, String... args) throws IOException {
    return start(workDir, JAR, jvmOptions, args);
  }

  /** Starts {@code java JVM_OPTIONS -jar JAR ARGS} in {@code workDir}. */
  static SluiceProcess start(Path workDir, Path jar, List<String> jvmOptions, String... args) throws IOException {
    var command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "--enable-native-access=ALL-UNNAMED"));
    command.addAll(jvmOptions);
    command.addAll(List.of("-jar", jar.toAbsolutePath().toString()));
    command.addAll(List.of(args));
    var process = new ProcessBuilder(command).directory(workDir.toFile()).redirectErrorStream(true).start();
    var lines = new LinkedBlockingQueue<String>();
    Thread.ofVirtual().start(() -> {
      try (var reader = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
        reader.lines().forEach(lines::add);
      } catch (IOException | java.io.UncheckedIOException ended) {
        // the process is gone
      }
    });
    return new SluiceProcess(process, lines, new ArrayList<>());
  }

  /** Reads lines (60 s at most) until one contains {@code text}; returns it. */
  String await(String text) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    while (System.nanoTime() < deadline) {
      var line = lines.poll(200, TimeUnit.MILLISECONDS);
      if (line == null) continue;
      seen.add(line);
      if (line.contains(text)) return line;
    }
    throw new AssertionError("no line with '" + text + "' in 60 s; saw:\n" + String.join("\n", seen));
  }

  /** The URL {@code sluice up} says it is up at. */
  String url() throws InterruptedException {
    var matcher = UP_AT.matcher(await("Sluice is up at"));
    assertThat(matcher.find()).isTrue();
    return matcher.group(1);
  }

  /** SIGTERM, as Ctrl-C or a service manager would; waits for a clean stop. */
  void stop() throws InterruptedException {
    process.toHandle().destroy(); // unlike Process.destroy, leaves the output open to read to the end
    await("sluice: stopped");
    assertThat(process.waitFor(20, TimeUnit.SECONDS)).isTrue();
  }

  /** SIGKILL. */
  void kill() {
    process.destroyForcibly();
  }
}
