package dev.sluice.cli.client;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/** An {@code application/problem+json} body as the REST API sends it for every 4xx and 5xx. */
@JsonIgnoreProperties(ignoreUnknown = true)
record Problem(String type, String title, int status, String detail, String field) {
  /** The stable code the {@code type} URI ends in, e.g. {@code unknown-queue}. */
  String code() {
    if (type == null) return "";
    return type.substring(type.lastIndexOf('/') + 1);
  }

  /** The detail, or the title when the server sent no detail. */
  String explanation() {
    if (detail != null && !detail.isBlank()) return detail;
    return title != null ? title : "HTTP " + status;
  }
}
