package dev.sluice.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.cli.client.SluiceClient;
import dev.sluice.cli.client.TokenSource;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The dashboard in headless Chromium against a real control plane: the token is typed in, and the jobs,
 * queues, nodes (simulated GPUs marked) and charts show what the CLI submitted.
 */
class DashboardIT {
  private static final Path SCREENSHOT = Path.of("target", "dashboard.png");

  @TempDir
  Path dataDir;
  @TempDir
  Path browserProfile;

  @Test
  void showsJobsQueuesNodesAndCharts() throws Exception {
    HeadlessChromium.assumeInstalled();
    try (var sluice = RunningSluice.start(dataDir, "2xH100-80GB")) {
      var running = sluice.sluice("submit", "--gpus", "1", "--cpu", "100m", "--memory", "64MiB", "--name", "train",
          "--", "sh", "-c", "echo epoch 1 loss 0.42; sleep 60").submittedId();
      var half = sluice.sluice("submit", "--gpu-fraction", "0.5", "--cpu", "100m", "--memory", "64MiB", "--name", "notebook",
          "--", "sleep", "60").submittedId();
      sluice.awaitJob(running, job -> job.path("state").asText().equals("RUNNING"), Duration.ofSeconds(30));
      sluice.awaitJob(half, job -> job.path("state").asText().equals("RUNNING"), Duration.ofSeconds(30));
      var waiting = sluice.sluice("submit", "--gpus", "2", "--cpu", "100m", "--memory", "64MiB", "--name", "big-train",
          "--", "true").submittedId();

      awaitUtilizationSample(sluice, 1500);

      ChromeDriver browser = HeadlessChromium.start(browserProfile);
      try {
        var wait = new WebDriverWait(browser, Duration.ofSeconds(20));
        browser.get(sluice.url() + "/");
        signIn(browser, wait, sluice.token);

        // Cluster: two simulated GPUs with the jobs on them, the running table and a chart.
        wait.until(ExpectedConditions.numberOfElementsToBe(By.cssSelector(".gpu.simulated"), 2));
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("nodes"), running));
        assertThat(browser.findElements(By.cssSelector(".gpu .badge.sim"))).hasSize(2);
        wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("#running-table tr[data-job='" + half + "']")));
        wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("#cluster-chart canvas, #cluster-chart svg")));
        Files.write(SCREENSHOT, browser.getScreenshotAs(OutputType.BYTES));

        // Jobs: all three, the waiting one with its reason and position; its detail on a click; a log.
        browser.findElement(By.cssSelector("#tabs button[data-tab=jobs]")).click();
        var waitingRow = wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("#jobs-table tr[data-job='" + waiting + "']")));
        wait.until(d -> !d.findElement(By.cssSelector("#jobs-table tr[data-job='" + waiting + "'] td.reason")).getText().isBlank());
        assertThat(browser.findElements(By.cssSelector("#jobs-table tbody tr[data-job]"))).hasSize(3);
        assertThat(waitingRow.getText()).contains("big-train", "PENDING");
        browser.findElement(By.cssSelector("#jobs-table tr[data-job='" + running + "']")).click();
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("job-log"), "epoch 1 loss 0.42"));
        assertThat(browser.findElement(By.id("detail-title")).getText()).contains(running, "train");
        Files.write(Path.of("target", "dashboard-jobs.png"), browser.getScreenshotAs(OutputType.BYTES));

        // Queues: the default queue with what it uses, and its chart.
        browser.findElement(By.cssSelector("#tabs button[data-tab=queues]")).click();
        var queueRow = wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("#queues-table tr[data-queue=default]")));
        wait.until(d -> queueRow.getText().contains("1.5"));
        wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("#queues-chart canvas, #queues-chart svg")));

        // Utilisation over time.
        browser.findElement(By.cssSelector("#tabs button[data-tab=utilisation]")).click();
        wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("#util-chart canvas, #util-chart svg")));
        wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("#jobs-chart canvas, #jobs-chart svg")));
        assertThat(browser.findElement(By.id("banner")).isDisplayed()).isFalse();
      } finally {
        browser.quit();
      }
    }
  }

  /** Samples are taken every few seconds: waits for one that shows the jobs' GPUs, so the chart has them. */
  private static void awaitUtilizationSample(RunningSluice sluice, long gpuMilli) throws Exception {
    var client = new SluiceClient(URI.create(sluice.url()), new TokenSource(Optional.of(sluice.token), "test"));
    var deadline = Instant.now().plusSeconds(30);
    while (true) {
      for (var point : client.get("/api/v1/utilization?minutes=5")) {
        if (point.path("gpuAllocatedMilli").asLong() == gpuMilli) return;
      }
      if (Instant.now().isAfter(deadline)) throw new AssertionError("no utilization sample with " + gpuMilli + " GPU milli");
      Thread.sleep(200);
    }
  }

  private static void signIn(WebDriver browser, WebDriverWait wait, String token) {
    wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("banner"), "Enter an API token"));
    browser.findElement(By.id("token-input")).sendKeys("not-the-token");
    browser.findElement(By.id("token-save")).click();
    wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("banner"), "did not accept this token"));
    assertThat(browser.findElements(By.cssSelector("[data-node]"))).isEmpty();
    browser.findElement(By.id("token-input")).sendKeys(token);
    browser.findElement(By.id("token-save")).click();
    wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("whoami"), "admin"));
  }
}
