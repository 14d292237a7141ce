package dev.kiroku.progress.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The JSON this service refuses instead of coercing (each a 400 naming the field over HTTP). */
class JsonConfigTest {

  record Body(
      String notes,
      Integer repeatCount,
      Boolean spoiler,
      BigDecimal percent,
      Instant watchedAt,
      LocalDate startedAt,
      java.time.DayOfWeek day) {}

  private static final ObjectMapper JSON =
      JsonConfig.strict(new ObjectMapper().registerModule(new JavaTimeModule()));

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "{\"notes\": 5}|notes",
        "{\"notes\": 2.5}|notes",
        "{\"notes\": true}|notes",
        "{\"repeatCount\": \"1\"}|repeatCount",
        "{\"repeatCount\": 1.5}|repeatCount",
        "{\"spoiler\": \"true\"}|spoiler",
        "{\"spoiler\": 1}|spoiler",
        "{\"percent\": \"50\"}|percent",
        "{\"watchedAt\": 12345}|watchedAt",
        "{\"watchedAt\": 12345.5}|watchedAt",
        "{\"startedAt\": 20000}|startedAt",
        "{\"day\": 3}|day"
      })
  void aValueOfTheWrongJsonTypeIsRefused(String body, String field) {
    assertThatThrownBy(() -> JSON.readValue(body, Body.class))
        .isInstanceOf(JsonMappingException.class)
        .satisfies(
            e ->
                assertThat(((JsonMappingException) e).getPath().get(0).getFieldName())
                    .isEqualTo(field));
  }

  @Test
  void valuesOfTheirOwnTypeAreRead() throws Exception {
    Body b =
        JSON.readValue(
            "{\"notes\": \"with Sam\", \"repeatCount\": 1, \"spoiler\": true, \"percent\": 50.25,"
                + " \"watchedAt\": \"2026-01-05T21:00:00Z\", \"startedAt\": \"2026-01-02\","
                + " \"day\": \"MONDAY\"}",
            Body.class);
    assertThat(b)
        .isEqualTo(
            new Body(
                "with Sam",
                1,
                true,
                new BigDecimal("50.25"),
                Instant.parse("2026-01-05T21:00:00Z"),
                LocalDate.parse("2026-01-02"),
                java.time.DayOfWeek.MONDAY));
  }
}
