package dev.sluice.server.store;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import java.util.Map;

/** Lists and maps kept as JSON text in one column. */
final class JsonColumns {
  private static final ObjectMapper MAPPER = new ObjectMapper();
  private static final TypeReference<List<String>> STRINGS = new TypeReference<>() { };
  private static final TypeReference<List<Integer>> INTEGERS = new TypeReference<>() { };
  private static final TypeReference<Map<String, String>> STRING_MAP = new TypeReference<>() { };
  private static final TypeReference<Map<String, QueueQuota>> QUOTAS = new TypeReference<>() { };

  private JsonColumns() {
  }

  static String write(Object value) {
    try {
      return MAPPER.writeValueAsString(value);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot write " + value.getClass().getSimpleName() + " as JSON", e);
    }
  }

  static List<String> strings(String json) {
    return read(json, STRINGS);
  }

  static List<Integer> integers(String json) {
    return json == null ? List.of() : read(json, INTEGERS);
  }

  static Map<String, String> stringMap(String json) {
    return read(json, STRING_MAP);
  }

  static Map<String, QueueQuota> quotas(String json) {
    return read(json, QUOTAS);
  }

  private static <T> T read(String json, TypeReference<T> type) {
    try {
      return MAPPER.readValue(json, type);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("stored JSON is malformed: " + json, e);
    }
  }
}
