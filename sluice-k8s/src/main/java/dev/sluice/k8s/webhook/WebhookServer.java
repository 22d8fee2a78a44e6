package dev.sluice.k8s.webhook;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import io.fabric8.kubernetes.api.model.admission.v1.AdmissionReview;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Executors;
import javax.net.ssl.SSLContext;

/**
 * {@code sluice k8s webhook}: the mutating admission webhook over HTTPS. {@code POST /mutate} takes an
 * {@code admission.k8s.io/v1} AdmissionReview and answers with {@link PodAdmission}'s response;
 * {@code GET /healthz} says ok. A body that is not an AdmissionReview gets 400 with one line.
 */
public final class WebhookServer implements AutoCloseable {
  private static final int MAX_BODY = 3 * 1024 * 1024;
  private final HttpsServer server;
  private final PodAdmission mutation;

  public WebhookServer(SSLContext tls, String address, int port, PodAdmission mutation) throws IOException {
    this.mutation = mutation;
    this.server = HttpsServer.create(new InetSocketAddress(address, port), 64);
    server.setHttpsConfigurator(new HttpsConfigurator(tls));
    server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
    server.createContext("/mutate", this::mutate);
    server.createContext("/healthz", exchange -> send(exchange, 200, "text/plain", "ok"));
    server.start();
  }

  public int port() {
    return server.getAddress().getPort();
  }

  private void mutate(HttpExchange exchange) throws IOException {
    if (!"POST".equals(exchange.getRequestMethod())) {
      send(exchange, 405, "text/plain", "POST an AdmissionReview");
      return;
    }
    byte[] body = exchange.getRequestBody().readNBytes(MAX_BODY + 1);
    if (body.length > MAX_BODY) {
      send(exchange, 413, "text/plain", "an AdmissionReview is at most 3 MiB");
      return;
    }
    AdmissionReview review;
    try {
      review = Serialization.unmarshal(new String(body, StandardCharsets.UTF_8), AdmissionReview.class);
    } catch (RuntimeException e) {
      review = null;
    }
    if (review == null || review.getRequest() == null || review.getRequest().getUid() == null) {
      send(exchange, 400, "text/plain", "the body is not an admission.k8s.io/v1 AdmissionReview with a request");
      return;
    }
    var answer = new AdmissionReview();
    answer.setApiVersion("admission.k8s.io/v1");
    answer.setKind("AdmissionReview");
    answer.setResponse(mutation.review(review.getRequest()));
    send(exchange, 200, "application/json", Serialization.asJson(answer));
  }

  private static void send(HttpExchange exchange, int code, String type, String text) throws IOException {
    byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().set("Content-Type", type);
    exchange.sendResponseHeaders(code, bytes.length);
    try (var out = exchange.getResponseBody()) {
      out.write(bytes);
    }
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
