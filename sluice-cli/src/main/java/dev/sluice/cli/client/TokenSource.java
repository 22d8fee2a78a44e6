package dev.sluice.cli.client;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

/**
 * Where the CLI's API token came from. Looked for in this order: {@code --token}, the environment
 * variable {@code SLUICE_TOKEN}, the file {@code ~/.sluice/token}, then {@code ./sluice-data/admin.token}
 * (the admin token {@code ./sluice up} writes in its default data directory).
 *
 * @param token  the token, absent when none was found
 * @param origin where it came from, or the places searched when none was found
 */
public record TokenSource(Optional<String> token, String origin) {
  public static final String ENV = "SLUICE_TOKEN";

  public TokenSource {
    token = token.map(String::strip).filter(t -> !t.isEmpty());
  }

  /** Looks in the documented order; {@code home} and {@code workDir} stand for {@code ~} and {@code .}. */
  public static TokenSource resolve(String option, Map<String, String> env, Path home, Path workDir) {
    if (option != null && !option.isBlank()) return new TokenSource(Optional.of(option), "--token");
    var fromEnv = env.get(ENV);
    if (fromEnv != null && !fromEnv.isBlank()) return new TokenSource(Optional.of(fromEnv), "$" + ENV);
    for (var file : new Path[] {home.resolve(".sluice").resolve("token"), workDir.resolve("sluice-data").resolve("admin.token")}) {
      var fromFile = read(file);
      if (fromFile.isPresent()) return new TokenSource(fromFile, file.toString());
    }
    return new TokenSource(Optional.empty(), "none of --token, $" + ENV + ", ~/.sluice/token, ./sluice-data/admin.token");
  }

  private static Optional<String> read(Path file) {
    if (!Files.isReadable(file)) return Optional.empty();
    try {
      return Optional.of(Files.readString(file).strip()).filter(t -> !t.isEmpty());
    } catch (IOException unreadable) {
      return Optional.empty();
    }
  }
}
