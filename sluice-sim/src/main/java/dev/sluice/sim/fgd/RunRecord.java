package dev.sluice.sim.fgd;

/**
 * What one run recorded after each pod, in arrival order.
 *
 * @param arrivedGpuMilli   GPU milli requested by all pods so far, placed or not
 * @param allocatedGpuMilli GPU milli allocated after the pod
 * @param fragmentMilli     the cluster's fragmentation amount after the pod (Σ F over nodes)
 * @param idleGpuMilli      unallocated GPU milli after the pod
 */
public record RunRecord(long[] arrivedGpuMilli, long[] allocatedGpuMilli, double[] fragmentMilli, long[] idleGpuMilli) {
  public RunRecord {
    int n = arrivedGpuMilli.length;
    if (allocatedGpuMilli.length != n || fragmentMilli.length != n || idleGpuMilli.length != n) {
      throw new IllegalArgumentException("all series need one value per pod");
    }
  }

  public int pods() {
    return arrivedGpuMilli.length;
  }
}
