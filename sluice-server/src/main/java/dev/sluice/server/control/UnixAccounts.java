package dev.sluice.server.control;

/** The Unix account a Sluice user's jobs run as; null for the control plane's own (see docs/server.md, "Trust"). */
@FunctionalInterface
public interface UnixAccounts {
  /** Every job runs as the control plane's own account. */
  UnixAccounts NONE = user -> null;

  String of(String sluiceUser);
}
