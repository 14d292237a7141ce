package dev.kiroku.progress.config;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.kiroku.contracts.progress.Progress;
import dev.kiroku.platform.json.StrictJson;
import io.quarkus.jackson.ObjectMapperCustomizer;
import jakarta.inject.Singleton;

/**
 * Strict JSON input ({@link StrictJson}: a value of the wrong JSON type is a 400 naming the field,
 * never coerced; {@code 3.5} is not an episode number, {@code "1"} not a repeat count, {@code 5}
 * not a note, {@code 12345} not a time), and progress shown with only the fields that fit the type.
 */
@Singleton
public class JsonConfig implements ObjectMapperCustomizer {

  @Override
  public void customize(ObjectMapper mapper) {
    strict(mapper);
  }

  /** Last, after Quarkus registered its modules (its JSR-310 instant reader would win). */
  @Override
  public int priority() {
    return MINIMUM_PRIORITY;
  }

  /** Applies this service's JSON rules to {@code mapper}; returns it. */
  public static ObjectMapper strict(ObjectMapper mapper) {
    StrictJson.apply(mapper);
    mapper.addMixIn(Progress.class, WithoutNulls.class);
    return mapper;
  }

  /** Progress shows only the fields that fit the type. */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  interface WithoutNulls {}
}
