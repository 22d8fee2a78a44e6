package dev.sluice.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** Every file the dashboard's page loads is on the classpath where the server serves it from. */
class DashboardFilesTest {
  private static final Pattern LOADED = Pattern.compile("(?:src|href)=\"(/[^\"]+)\"");

  private static String page() throws IOException {
    try (var in = DashboardFilesTest.class.getResourceAsStream("/dashboard/index.html")) {
      assertThat(in).as("/dashboard/index.html").isNotNull();
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  /** Where a path of the page lives on the classpath: WebJars under META-INF/resources, the rest under /dashboard. */
  private static String resourceOf(String path) {
    return path.startsWith("/webjars/") ? "/META-INF/resources" + path : "/dashboard" + path;
  }

  @Test
  void everyScriptAndStylesheetThePageLoadsExists() throws IOException {
    var loaded = new ArrayList<String>();
    var matcher = LOADED.matcher(page());
    while (matcher.find()) loaded.add(matcher.group(1));

    assertThat(loaded).contains("/ui/app.js", "/ui/style.css")
        .anySatisfy(path -> assertThat(path).matches("/webjars/echarts/\\d+\\.\\d+\\.\\d+/dist/echarts\\.min\\.js"));
    for (var path : loaded) {
      assertThat(DashboardFilesTest.class.getResource(resourceOf(path))).as(path + " on the classpath").isNotNull();
    }
  }
}
