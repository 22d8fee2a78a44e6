package dev.sluice.local.process;

/** {@link SandboxContract} in bubblewrap; a failure, not a skip, under {@code CI=true} (.ci/run installs it). */
class BubblewrapSandboxIT extends SandboxContract {
  @Override
  SandboxMode mode() {
    return SandboxMode.BUBBLEWRAP;
  }

  @Override
  boolean requiredInCi() {
    return true;
  }
}
