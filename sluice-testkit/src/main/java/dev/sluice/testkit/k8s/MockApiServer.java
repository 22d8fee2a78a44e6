package dev.sluice.testkit.k8s;

import io.fabric8.kubernetes.client.NamespacedKubernetesClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.mockwebserver.Context;
import io.fabric8.mockwebserver.MockWebServer;
import java.util.HashMap;

/** fabric8's mock API server in CRUD mode on loopback, with {@link BindingCrudDispatcher}'s pod subresources. */
public final class MockApiServer implements AutoCloseable {
  private final KubernetesMockServer server;
  private final BindingCrudDispatcher dispatcher = new BindingCrudDispatcher();

  public MockApiServer() {
    server = new KubernetesMockServer(new Context(), new MockWebServer(), new HashMap<>(), dispatcher, false);
    server.init(java.net.InetAddress.getLoopbackAddress(), 0);
  }

  /** A new client of this server. */
  public NamespacedKubernetesClient client() {
    return server.createClient();
  }

  public BindingCrudDispatcher dispatcher() {
    return dispatcher;
  }

  @Override
  public void close() {
    server.destroy();
  }
}
