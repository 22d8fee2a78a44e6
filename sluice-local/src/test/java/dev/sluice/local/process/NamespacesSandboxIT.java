package dev.sluice.local.process;

/** {@link SandboxContract} in the namespaces util-linux's {@code unshare} makes, the sandbox where bubblewrap is missing. */
class NamespacesSandboxIT extends SandboxContract {
  @Override
  SandboxMode mode() {
    return SandboxMode.NAMESPACES;
  }

  @Override
  boolean requiredInCi() {
    return false;
  }
}
