package dev.sluice.cli.client;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.util.Map;

/** A queue with its quotas and what it uses now, as {@code GET /api/v1/queues} returns it. */
@JsonIgnoreProperties(ignoreUnknown = true)
public record Queue(String name, String parent, int priority, Map<String, Quota> quotas, Map<String, Long> allocated,
                    Map<String, Long> fairShare, Map<String, Long> borrowed, int running, int pending) {
  public Queue {
    quotas = quotas == null ? Map.of() : Map.copyOf(quotas);
    allocated = allocated == null ? Map.of() : Map.copyOf(allocated);
    fairShare = fairShare == null ? Map.of() : Map.copyOf(fairShare);
    borrowed = borrowed == null ? Map.of() : Map.copyOf(borrowed);
  }

  /** One dimension's quota; amounts in the dimension's unit (GPU milli), null limits mean unlimited. */
  @JsonIgnoreProperties(ignoreUnknown = true)
  public record Quota(Long deserved, Long limit, Double overQuotaWeight, Long lendingLimit) {
  }

  public Quota gpuQuota() {
    return quotas.getOrDefault("gpu", new Quota(0L, null, null, null));
  }

  public long gpuAllocatedMilli() {
    return allocated.getOrDefault("gpu", 0L);
  }
}
