package dev.sluice.cli.client;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/** Talks to a Sluice control plane's REST API (docs/api.md) with an API token. */
public final class SluiceClient {
  static final ObjectMapper JSON = JsonMapper.builder()
      .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES).build();
  private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(5);
  private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(30);

  private final URI server;
  private final TokenSource token;
  private final HttpClient http;

  public SluiceClient(URI server, TokenSource token) {
    this.server = server;
    this.token = token;
    this.http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(CONNECT_TIMEOUT).build();
  }

  public URI server() {
    return server;
  }

  /** GET a JSON resource, e.g. {@code /api/v1/jobs?state=RUNNING}. */
  public JsonNode get(String path) throws ApiException, InterruptedException {
    return parse(send(request(path).GET()));
  }

  /** POST a JSON body (a map or record) and read the JSON answer. */
  public JsonNode post(String path, Object body) throws ApiException, InterruptedException {
    String text;
    try {
      text = JSON.writeValueAsString(body);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("cannot write the request body as JSON", e);
    }
    return parse(send(request(path).header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(text))));
  }

  /** DELETE a resource and read the JSON answer. */
  public JsonNode delete(String path) throws ApiException, InterruptedException {
    return parse(send(request(path).DELETE()));
  }

  /** The part of a job's log from byte {@code offset} on. */
  public LogChunk logs(String jobId, String stream, long offset) throws ApiException, InterruptedException {
    var response = send(request("/api/v1/jobs/" + encode(jobId) + "/logs?stream=" + stream + "&offset=" + offset).GET());
    var next = response.headers().firstValueAsLong("X-Log-Offset").orElse(offset + response.body().length);
    return new LogChunk(response.body(), next);
  }

  /** Reads a JSON value as the given record type. */
  public static <T> T as(JsonNode node, Class<T> type) {
    try {
      return JSON.treeToValue(node, type);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("unexpected answer from the server: " + e.getOriginalMessage(), e);
    }
  }

  /** Reads a JSON array as a list of the given record type. */
  public static <T> List<T> asList(JsonNode array, Class<T> type) {
    var list = new java.util.ArrayList<T>();
    array.forEach(item -> list.add(as(item, type)));
    return List.copyOf(list);
  }

  /** Pretty JSON for {@code --json}. */
  public static String pretty(JsonNode node) {
    try {
      return JSON.writerWithDefaultPrettyPrinter().writeValueAsString(node);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  /** A query string from the non-null values, e.g. {@code ?queue=a&limit=10}. */
  public static String query(Map<String, ?> parameters) {
    var joined = parameters.entrySet().stream().filter(e -> e.getValue() != null)
        .map(e -> e.getKey() + "=" + encode(String.valueOf(e.getValue()))).collect(Collectors.joining("&"));
    return joined.isEmpty() ? "" : "?" + joined;
  }

  static String encode(String value) {
    return URLEncoder.encode(value, StandardCharsets.UTF_8);
  }

  private HttpRequest.Builder request(String path) {
    var builder = HttpRequest.newBuilder(URI.create(server + path)).timeout(REQUEST_TIMEOUT)
        .header("Accept", "application/json");
    token.token().ifPresent(t -> builder.header("Authorization", "Bearer " + t));
    return builder;
  }

  private HttpResponse<byte[]> send(HttpRequest.Builder request) throws ApiException, InterruptedException {
    HttpResponse<byte[]> response;
    try {
      response = http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
    } catch (ConnectException | HttpConnectTimeoutException e) {
      throw ApiException.unreachable("no Sluice server at " + server + " (start one with ./sluice up)");
    } catch (IOException e) {
      throw ApiException.unreachable("lost the connection to " + server + ": " + e.getMessage());
    }
    if (response.statusCode() >= 400) throw refusal(response);
    return response;
  }

  private ApiException refusal(HttpResponse<byte[]> response) {
    var problem = problem(response);
    int status = response.statusCode();
    var message = switch (status) {
      case 401 -> "the server at " + server + " did not accept the token (" + problem.explanation()
          + "); token from " + token.origin() + ". Pass --token, set $" + TokenSource.ENV + " or write it to ~/.sluice/token";
      default -> problem.field() != null && !problem.field().isBlank()
          && !problem.explanation().startsWith(problem.field() + ":")
          ? problem.field() + ": " + problem.explanation()
          : problem.explanation();
    };
    return new ApiException(message, status, status >= 500 ? ApiException.UNREACHABLE : ApiException.REFUSED);
  }

  private static Problem problem(HttpResponse<byte[]> response) {
    try {
      var problem = JSON.readValue(response.body(), Problem.class);
      if (problem != null && (problem.detail() != null || problem.title() != null)) return problem;
    } catch (IOException notJson) {
      // fall through: describe the bare status
    }
    var body = new String(response.body(), StandardCharsets.UTF_8).strip();
    return new Problem(null, "HTTP " + response.statusCode(), response.statusCode(),
        body.isEmpty() || body.length() > 200 ? "HTTP " + response.statusCode() : body, null);
  }

  private static JsonNode parse(HttpResponse<byte[]> response) {
    try {
      return JSON.readTree(response.body());
    } catch (IOException e) {
      throw new IllegalStateException("the server's answer is not JSON: " + e.getMessage(), e);
    }
  }

  /** A piece of a log and the offset to ask from next time. */
  public record LogChunk(byte[] bytes, long nextOffset) {
  }
}
