package dev.sluice.sim.report;

/** Text made safe to put in an HTML page. */
final class Html {
  private Html() {
  }

  static String escape(String text) {
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
  }
}
