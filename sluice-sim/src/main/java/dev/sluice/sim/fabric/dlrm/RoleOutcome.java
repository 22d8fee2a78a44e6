package dev.sluice.sim.fabric.dlrm;

/**
 * What one replay of a role's instances on a fixed set of nodes gave.
 *
 * @param created                 instances the replay created
 * @param pending                 of those, how many no node could take when created (they are dropped, not retried)
 * @param samples                 how many times the state was sampled
 * @param strandedPct             mean over the samples of the stranded share: free GPUs (HN) or free CPU (CN)
 *                                that no instance shape could use, in % of the role's total GPUs or CPU
 * @param degradedPct             mean over the samples of the GPUs (HN) or CPU (CN) held by instances behind a
 *                                NIC used beyond its line rate ({@link NicLedger#degradedUnits}), in % of the total
 * @param oversubscribedPct       mean over the samples of NIC bandwidth used beyond line rate, in % of the
 *                                role's total NIC bandwidth
 * @param oversubscribedNodesPeak the most nodes with oversubscribed NICs at any sample
 */
record RoleOutcome(int created, int pending, int samples, double strandedPct, double degradedPct, double oversubscribedPct,
                   int oversubscribedNodesPeak) {
  static final RoleOutcome NONE = new RoleOutcome(0, 0, 0, 0, 0, 0, 0);

  int placed() {
    return created - pending;
  }
}
