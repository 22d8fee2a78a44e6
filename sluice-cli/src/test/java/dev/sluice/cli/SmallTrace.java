package dev.sluice.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** A three-node cluster and five pods (every kind: sharing, multi-GPU, CPU-only, tied to models) for CLI tests. */
final class SmallTrace {
  private SmallTrace() {
  }

  static Path nodes(Path dir) throws IOException {
    return Files.writeString(dir.resolve("nodes.csv"), """
        sn,cpu_milli,memory_mib,gpu,model
        n0,32000,131072,2,T4
        n1,32000,131072,4,V100M16
        n2,8000,65536,1,T4
        """);
  }

  static Path pods(Path dir) throws IOException {
    return Files.writeString(dir.resolve("pods.csv"), """
        name,cpu_milli,memory_mib,num_gpu,gpu_milli,gpu_spec,qos,pod_phase,creation_time,deletion_time,scheduled_time
        p0,4000,8192,1,500,,LS,Running,0,10,0
        p1,8000,8192,2,1000,,LS,Running,1,10,1
        p2,2000,4096,0,0,,BE,Running,2,10,2
        p3,4000,8192,1,1000,T4,LS,Running,3,10,3
        p4,6000,8192,1,300,V100M16|V100M32,LS,Running,4,10,4
        """);
  }
}
