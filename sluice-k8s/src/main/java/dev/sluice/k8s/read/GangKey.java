package dev.sluice.k8s.read;

/**
 * What makes pods one gang: a PodGroup, a PyTorchJob, a JobSet, a batch Job, or the pod alone, by name in a
 * namespace. Its {@link #id()} names the workload in Sluice's decisions.
 */
record GangKey(String namespace, Kind kind, String name) {
  enum Kind {
    POD_GROUP("podgroup"), PYTORCH_JOB("pytorchjob"), JOB_SET("jobset"), JOB("job"), POD("pod");

    private final String word;

    Kind(String word) {
      this.word = word;
    }
  }

  /** {@code namespace/kind/name}, e.g. {@code team-a/podgroup/llm}. */
  String id() {
    return namespace + "/" + kind.word + "/" + name;
  }
}
