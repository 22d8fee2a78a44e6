package dev.sluice.core.scheduler;

/** What a queue may take within its limits: as much as its fair share allows, or up to its deserved quota. */
enum Admission {
  /** Within limits, and rounding to the fair share or within deserved quota: how allocate admits. */
  FAIR_SHARE,
  /**
   * Within limits and, for the queue and each ancestor, within its deserved quota in every dimension it is
   * promised: how a workload claiming its deserved quota is admitted, whatever fair share says.
   */
  DESERVED
}
