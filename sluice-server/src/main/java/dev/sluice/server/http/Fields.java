package dev.sluice.server.http;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/** Reads typed fields from a JSON object, refusing wrong types and unknown fields with the field's name. */
final class Fields {
  private static final Pattern ENVIRONMENT_NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");
  private final JsonNode body;

  Fields(JsonNode body, Set<String> known) {
    if (body == null || !body.isObject()) throw new ApiException(ApiError.BAD_JSON, "the body must be a JSON object");
    this.body = body;
    body.fieldNames().forEachRemaining(name -> {
      if (!known.contains(name)) throw ApiException.invalid(name, "unknown field; known: " + String.join(", ", known.stream().sorted().toList()));
    });
  }

  boolean has(String name) {
    return body.has(name) && !body.get(name).isNull();
  }

  String string(String name, String fallback) {
    if (!has(name)) return fallback;
    var node = body.get(name);
    if (!node.isTextual()) throw ApiException.invalid(name, "must be a string");
    return text(name, node.asText());
  }

  long integer(String name, long fallback, long min, long max) {
    if (!has(name)) return fallback;
    var node = body.get(name);
    if (!node.isIntegralNumber() || !node.canConvertToLong()) throw ApiException.invalid(name, "must be an integer");
    long value = node.asLong();
    if (value < min || value > max) throw ApiException.invalid(name, "must be in " + min + ".." + max + ", was " + value);
    return value;
  }

  Double number(String name) {
    if (!has(name)) return null;
    var node = body.get(name);
    if (!node.isNumber()) throw ApiException.invalid(name, "must be a number");
    return node.asDouble();
  }

  boolean bool(String name, boolean fallback) {
    if (!has(name)) return fallback;
    var node = body.get(name);
    if (!node.isBoolean()) throw ApiException.invalid(name, "must be true or false");
    return node.asBoolean();
  }

  List<String> strings(String name) {
    if (!has(name)) return null;
    var node = body.get(name);
    if (!node.isArray()) throw ApiException.invalid(name, "must be an array of strings");
    var values = new ArrayList<String>();
    for (var element : node) {
      if (!element.isTextual()) throw ApiException.invalid(name, "must be an array of strings");
      values.add(text(name, element.asText()));
    }
    return values;
  }

  Map<String, String> stringMap(String name) {
    if (!has(name)) return Map.of();
    var node = body.get(name);
    if (!node.isObject()) throw ApiException.invalid(name, "must be an object of strings");
    var values = new LinkedHashMap<String, String>();
    for (var entry : node.properties()) {
      var field = name + "." + entry.getKey();
      if (!ENVIRONMENT_NAME.matcher(entry.getKey()).matches()) {
        throw ApiException.invalid(field, "a variable name is letters, digits and '_', not starting with a digit");
      }
      if (!entry.getValue().isTextual()) throw ApiException.invalid(field, "must be a string");
      values.put(entry.getKey(), text(field, entry.getValue().asText()));
    }
    return values;
  }

  /** No NUL in any text: no process argument, path or PostgreSQL text column can hold one. */
  private static String text(String field, String value) {
    if (value.indexOf('\0') >= 0) throw ApiException.invalid(field, "must not contain a NUL character");
    return value;
  }

  JsonNode node(String name) {
    return has(name) ? body.get(name) : null;
  }

  /** A short text people read (a description): at most {@code max} characters, no control characters. */
  static String label(String field, String value, int max) {
    if (value.length() > max) throw ApiException.invalid(field, "must be at most " + max + " characters, was " + value.length());
    if (value.chars().anyMatch(Character::isISOControl)) throw ApiException.invalid(field, "must not contain control characters");
    return value;
  }

  static String name(String field, String value) {
    if (value == null || !value.matches("[a-z0-9][a-z0-9._-]{0,62}")) {
      throw ApiException.invalid(field, "must be 1 to 63 characters of a-z, 0-9, '.', '_', '-', starting with a letter or digit");
    }
    return value;
  }
}
