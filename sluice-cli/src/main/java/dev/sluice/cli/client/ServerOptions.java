package dev.sluice.cli.client;

import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/** {@code --server} and {@code --token}, shared by every command that talks to a control plane. */
public final class ServerOptions {
  public static final String DEFAULT_SERVER = "http://127.0.0.1:8080";

  @Option(names = "--server", paramLabel = "URL", defaultValue = "${env:SLUICE_SERVER:-" + DEFAULT_SERVER + "}",
      description = "The control plane's address (default: $SLUICE_SERVER, else " + DEFAULT_SERVER + ").")
  String server;

  @Option(names = "--token", paramLabel = "TOKEN",
      description = "API token (default: $SLUICE_TOKEN, else ~/.sluice/token, else ./sluice-data/admin.token).")
  String token;

  /** A client for the chosen server with the first token found. */
  public SluiceClient client() throws ApiException {
    var tokenSource = TokenSource.resolve(token, System.getenv(), Path.of(System.getProperty("user.home")),
        Path.of("").toAbsolutePath());
    return new SluiceClient(serverUri(), tokenSource);
  }

  private URI serverUri() throws ApiException {
    try {
      var uri = new URI(server.endsWith("/") ? server.substring(0, server.length() - 1) : server);
      if (!"http".equals(uri.getScheme()) && !"https".equals(uri.getScheme()) || uri.getHost() == null) {
        throw new URISyntaxException(server, "expected http://HOST:PORT");
      }
      return uri;
    } catch (URISyntaxException e) {
      throw new ApiException("--server: '" + server + "' is not an http(s) URL such as " + DEFAULT_SERVER, 0,
          ApiException.REFUSED);
    }
  }
}
