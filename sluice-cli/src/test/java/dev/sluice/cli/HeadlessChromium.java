package dev.sluice.cli;

import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

/**
 * Debian's Chromium and chromedriver, headless, for browser tests. Nothing is downloaded: the driver and
 * the browser are named explicitly, so Selenium Manager never runs. Where they are missing the test is
 * skipped with a message, except under {@code CI=true}, where that is a failure.
 */
final class HeadlessChromium {
  static final Path BROWSER = Path.of("/usr/bin/chromium");
  static final Path DRIVER = Path.of("/usr/bin/chromedriver");

  private HeadlessChromium() {
  }

  /** Skips the test (fails it under {@code CI=true}) when the browser or its driver is missing. */
  static void assumeInstalled() {
    if (Files.isExecutable(BROWSER) && Files.isExecutable(DRIVER)) return;
    var message = "the dashboard's browser test needs " + BROWSER + " and " + DRIVER
        + " (Debian: apt-get install chromium chromium-driver)";
    if ("true".equalsIgnoreCase(System.getenv("CI"))) fail(message);
    assumeTrue(false, message);
  }

  static ChromeDriver start(Path userDataDir) {
    assumeInstalled();
    System.setProperty("webdriver.chrome.driver", DRIVER.toString());
    var service = new ChromeDriverService.Builder().usingDriverExecutable(DRIVER.toFile()).usingAnyFreePort().build();
    var options = new ChromeOptions();
    options.setBinary(BROWSER.toFile());
    options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
        "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run",
        "--window-size=1400,1000", "--user-data-dir=" + userDataDir.toAbsolutePath());
    return new ChromeDriver(service, options);
  }
}
