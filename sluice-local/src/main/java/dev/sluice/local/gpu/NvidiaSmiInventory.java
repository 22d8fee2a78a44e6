package dev.sluice.local.gpu;

import dev.sluice.local.fabric.PciLocality;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Stream;

/** Finds GPUs by running {@code nvidia-smi}, for hosts where NVML cannot be loaded into the JVM. */
public final class NvidiaSmiInventory {
  /** The arguments this class runs nvidia-smi with; its output is read by {@link NvidiaSmiOutput}. */
  public static final List<String> QUERY =
      List.of("--query-gpu=index,name,memory.total,uuid,pci.bus_id", "--format=csv,noheader,nounits");
  private static final Duration TIME_LIMIT = Duration.ofSeconds(20);

  private NvidiaSmiInventory() {
  }

  /**
   * The GPUs {@code program} (normally {@code "nvidia-smi"}, found on the PATH) reports, with source
   * {@code "nvidia-smi"}; unavailable when it is missing, fails, takes longer than 20 s or prints
   * something unexpected. Each GPU is located through {@code pci}.
   */
  public static Discovery discover(String program, PciLocality pci) throws InterruptedException {
    Process process;
    try {
      process = new ProcessBuilder(Stream.concat(Stream.of(program), QUERY.stream()).toList())
          .redirectErrorStream(true).redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")))
          .start();
    } catch (IOException e) {
      return new Discovery.Unavailable(program + " cannot be run: " + e.getMessage());
    }
    try (InputStream out = process.getInputStream()) {
      CompletableFuture<byte[]> output = CompletableFuture.supplyAsync(() -> readAll(out));
      if (!process.waitFor(TIME_LIMIT.toMillis(), TimeUnit.MILLISECONDS)) {
        return new Discovery.Unavailable(program + " gave no answer within " + TIME_LIMIT.toSeconds() + " s");
      }
      String text = new String(output.get(TIME_LIMIT.toMillis(), TimeUnit.MILLISECONDS), StandardCharsets.UTF_8);
      if (process.exitValue() != 0) {
        return new Discovery.Unavailable(program + " failed (exit " + process.exitValue() + "): " + firstLine(text));
      }
      return new Discovery.Found(new FixedGpuInventory(NvidiaSmiOutput.parse(text, pci), "nvidia-smi"));
    } catch (IOException | ExecutionException | TimeoutException | IllegalArgumentException e) {
      return new Discovery.Unavailable(program + ": " + e.getMessage());
    } finally {
      process.destroyForcibly();
    }
  }

  private static byte[] readAll(InputStream in) {
    try {
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static String firstLine(String text) {
    String stripped = text.strip();
    int end = stripped.indexOf('\n');
    return end < 0 ? stripped : stripped.substring(0, end);
  }
}
