package dev.kiroku.platform.json;

import com.fasterxml.jackson.annotation.JsonFormat;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.deser.std.StdScalarDeserializer;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.type.LogicalType;
import com.fasterxml.jackson.datatype.jsr310.deser.InstantDeserializer;
import io.quarkus.arc.properties.IfBuildProperty;
import io.quarkus.jackson.ObjectMapperCustomizer;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.time.Instant;
import java.time.LocalDate;

/**
 * Strict JSON input: a value of the wrong JSON type is a 400 naming the field, never coerced.
 * {@code 3.5} is not a whole number, {@code "1"} not a count, {@code 5} not a text, {@code "true"}
 * not a flag, {@code 3} not an enum constant, and {@code 12345} not a time (times and dates are
 * ISO-8601 strings).
 *
 * <p>A service built with {@code kiroku.json.strict=true} gets these rules on its Quarkus {@code
 * ObjectMapper}; one with its own customizer calls {@link #apply(ObjectMapper)}.
 */
@Singleton
@IfBuildProperty(name = "kiroku.json.strict", stringValue = "true")
public class StrictJson implements ObjectMapperCustomizer {

  private static final JsonFormat.Value LENIENT_OFF = JsonFormat.Value.forLeniency(false);

  @Override
  public void customize(ObjectMapper mapper) {
    apply(mapper);
  }

  /** Last, after Quarkus registered its modules (its JSR-310 instant reader would win). */
  @Override
  public int priority() {
    return MINIMUM_PRIORITY;
  }

  /** Applies the strict input rules to {@code mapper}; returns it. */
  public static ObjectMapper apply(ObjectMapper mapper) {
    mapper.disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT);
    mapper.enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES);
    // 3 -> the fourth constant of an enum
    mapper.enable(DeserializationFeature.FAIL_ON_NUMBERS_FOR_ENUMS);
    // "1" -> 1, "true" -> true, 1 -> true
    mapper.disable(MapperFeature.ALLOW_COERCION_OF_SCALARS);
    // 5 -> "5", 2.5 -> "2.5", true -> "true"
    mapper
        .coercionConfigFor(LogicalType.Textual)
        .setCoercion(CoercionInputShape.Integer, CoercionAction.Fail)
        .setCoercion(CoercionInputShape.Float, CoercionAction.Fail)
        .setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail);
    // 12345 -> a date or an instant: ISO-8601 strings only (the JSR-310 instant reader takes
    // numbers as epoch seconds whatever its leniency, so instants get a reader that wants text)
    mapper.configOverride(LocalDate.class).setFormat(LENIENT_OFF);
    mapper.registerModule(
        new SimpleModule("kiroku-strict-instants")
            .addDeserializer(Instant.class, new TextInstant()));
    return mapper;
  }

  /**
   * An {@link Instant} from an ISO-8601 string only; any other JSON token fails naming the field.
   */
  static final class TextInstant extends StdScalarDeserializer<Instant> {
    TextInstant() {
      super(Instant.class);
    }

    @Override
    public Instant deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
      if (!p.hasToken(JsonToken.VALUE_STRING)) {
        return (Instant) ctxt.handleUnexpectedToken(Instant.class, p);
      }
      return InstantDeserializer.INSTANT.deserialize(p, ctxt);
    }
  }
}
