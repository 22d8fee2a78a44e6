package dev.sluice.server.http;

import static dev.sluice.server.http.ApiIT.WAIT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.sluice.core.model.Locality;
import dev.sluice.core.model.NicDevice;
import dev.sluice.core.spi.DiscoveredGpu;
import dev.sluice.server.ApiClient;
import dev.sluice.server.FakeLauncher;
import dev.sluice.server.FixedInventory;
import dev.sluice.server.ServerConfig;
import dev.sluice.server.SluiceServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.InstantSource;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Jobs that ask for NIC bandwidth and RDMA, over real HTTP, on a host of two GPUs on different PCIe roots: GPU 0
 * under {@code pci0000:17} (NUMA 0) with only a 1 Gbit/s Ethernet port near it, GPU 1 under {@code pci0000:a3}
 * (NUMA 1) beside a 400 Gbit/s InfiniBand NIC.
 */
class FabricApiIT {
  @TempDir
  static Path dataDir;
  static SluiceServer server;
  static ApiClient admin;

  @BeforeAll
  static void start() throws Exception {
    var gpus = new FixedInventory(List.of(
        new DiscoveredGpu(0, "H100", 81920, "GPU-0", false, new Locality("pci0000:17", 0)),
        new DiscoveredGpu(1, "H100", 81920, "GPU-1", false, new Locality("pci0000:a3", 1))), "nvidia-smi");
    var nics = List.of(new NicDevice("eno1", 1_000, false, new Locality("pci0000:17", -1), Set.of()),
        NicDevice.rdma("ib0", 400_000, new Locality("pci0000:a3", 1)));
    var config = ServerConfig.defaults(dataDir).withPort(0).withHostResources(64_000, 256_000);
    server = SluiceServer.start(config, gpus, nics, new FakeLauncher(), InstantSource.system());
    admin = new ApiClient(server.url(), Files.readString(server.adminTokenFile()).trim());
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  @Test
  void nodesShowEachNicAndWhereEachGpuSits() {
    var node = admin.get("/api/v1/nodes").json().get(0);

    assertThat(node.get("nics").toString()).isEqualTo("[{\"name\":\"eno1\",\"bandwidthMbps\":1000,\"rdma\":false,"
        + "\"pciRoot\":\"pci0000:17\",\"numaNode\":null},{\"name\":\"ib0\",\"bandwidthMbps\":400000,\"rdma\":true,"
        + "\"pciRoot\":\"pci0000:a3\",\"numaNode\":1}]");
    assertThat(node.get("gpus").get(0).get("pciRoot").asText()).isEqualTo("pci0000:17");
    assertThat(node.get("gpus").get(1).get("numaNode").asInt()).isEqualTo(1);
  }

  @Test
  void aJobAskingRdmaBandwidthIsStoredAndRunsOnTheGpuBesideTheRdmaNic() {
    var created = admin.post("/api/v1/jobs", "{\"command\": [\"x\"], \"gpus\": 1, \"nicBandwidthMbps\": 200000,"
        + " \"rdma\": true, \"topology\": \"rack\"}");
    assertThat(created.status()).as(created.text()).isEqualTo(201);
    var path = "/api/v1/jobs/" + created.json().get("id").asText();
    assertThat(created.json().get("request").get("nicBandwidthMbps").asLong()).isEqualTo(200_000);
    assertThat(created.json().get("request").get("rdma").asBoolean()).isTrue();

    await().atMost(WAIT).until(() -> admin.get(path).json().get("state").asText(), "RUNNING"::equals);
    assertThat(admin.get(path).json().get("gpuIndices").toString()).isEqualTo("[1]");
    assertThat(admin.post(path + "/cancel", "").status()).isEqualTo(200);
  }

  @ParameterizedTest(name = "{0} -> {1} {2}")
  @CsvSource(delimiter = '|', value = {
      "{'command': ['x'], 'nicBandwidthMbps': -1}                       | invalid-field | nicBandwidthMbps",
      "{'command': ['x'], 'nicBandwidthMbps': 0}                        | invalid-field | nicBandwidthMbps",
      "{'command': ['x'], 'nicBandwidthMbps': 100000001}                | invalid-field | nicBandwidthMbps",
      "{'command': ['x'], 'nicBandwidthMbps': '25G'}                    | invalid-field | nicBandwidthMbps",
      "{'command': ['x'], 'nicBandwidthMbps': 2.5}                      | invalid-field | nicBandwidthMbps",
      "{'command': ['x'], 'rdma': 'yes'}                                | invalid-field | rdma",
      "{'command': ['x'], 'topology': 'Rack!'}                          | invalid-field | topology",
      "{'command': ['x'], 'topology': 5}                                | invalid-field | topology",
      "{'command': ['x'], 'nicBandwidthMbps': 402000}                   | unsatisfiable | nicBandwidthMbps",
      "{'command': ['x'], 'gpus': 2, 'rdma': true, 'nicBandwidthMbps': 2000} | unsatisfiable | rdma",
  })
  void aBadFabricRequestIsRefusedNamingTheField(String body, String code, String field) {
    int before = admin.get("/api/v1/jobs?limit=1000").json().get("items").size();
    ApiIT.assertProblem(admin.post("/api/v1/jobs", body.replace('\'', '"')), 422, code, field);
    assertThat(admin.get("/api/v1/jobs?limit=1000").json().get("items").size()).isEqualTo(before);
  }

  @Test
  void aRefusalSaysWhatTheHostsNicsAre() {
    var refused = admin.post("/api/v1/jobs", "{\"command\": [\"x\"], \"nicBandwidthMbps\": 500000}");

    assertThat(refused.json().get("detail").asText()).isEqualTo("no node could ever hold this job: insufficient NIC bandwidth"
        + " (node '" + admin.get("/api/v1/nodes").json().get(0).get("name").asText() + "' has 2 GPUs, 64000 CPU milli,"
        + " 256000 MiB memory, NICs eno1 1G, ib0 400G RDMA)");
  }
}
