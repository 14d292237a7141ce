package dev.kiroku.platform.problem;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.security.ForbiddenException;
import io.quarkus.security.UnauthorizedException;
import jakarta.validation.Valid;
import jakarta.validation.Validation;
import jakarta.validation.Validator;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.PositiveOrZero;
import jakarta.ws.rs.NotAllowedException;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.NotSupportedException;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.hibernate.validator.messageinterpolation.ParameterMessageInterpolator;
import org.junit.jupiter.api.Test;

class ProblemsTest {

  private static final ObjectMapper JSON = new ObjectMapper();

  record Progress(@PositiveOrZero Integer episode, @Max(100) Integer percent) {}

  record EntryRequest(@NotBlank String status, @Valid Progress progress) {}

  @Test
  void aServiceProblemKeepsItsCodeStatusDetailAndExtensions() throws Exception {
    Instant next = Instant.parse("2026-11-23T10:00:00Z");
    Problem problem =
        Problems.from(
            new ProblemException(
                TestErrorCode.MEDIA_ALREADY_REFRESHED,
                "Refreshed less than 24 h ago.",
                List.of(),
                Map.of("nextRefreshAt", next.toString())),
            "/api/v1/catalog/media/1/refresh");

    JsonNode body = JSON.readTree(JSON.writeValueAsString(problem));
    assertThat(body.get("status").asInt()).isEqualTo(409);
    assertThat(body.get("code").asText()).isEqualTo("MEDIA_ALREADY_REFRESHED");
    assertThat(body.get("type").asText())
        .isEqualTo("https://kiroku.dev/problems/media-already-refreshed");
    assertThat(body.get("detail").asText()).isEqualTo("Refreshed less than 24 h ago.");
    assertThat(body.get("instance").asText()).isEqualTo("/api/v1/catalog/media/1/refresh");
    assertThat(body.get("nextRefreshAt").asText()).isEqualTo("2026-11-23T10:00:00Z");
    assertThat(body.has("violations")).isFalse();
    assertThat(body.has("extensions")).isFalse();
  }

  @Test
  void validationNamesEachNestedFieldAsTheClientSentIt() {
    Validator validator =
        Validation.byDefaultProvider()
            .configure()
            .messageInterpolator(new ParameterMessageInterpolator())
            .buildValidatorFactory()
            .getValidator();
    var violations = validator.validate(new EntryRequest(" ", new Progress(-1, 120)));

    Problem problem = Problems.validation(List.copyOf(violations), "/api/v1/progress/entries/1");

    assertThat(problem.status()).isEqualTo(400);
    assertThat(problem.code()).isEqualTo("VALIDATION_FAILED");
    assertThat(problem.violations())
        .extracting(Problem.Violation::field)
        .containsExactly("progress.episode", "progress.percent", "status");
    assertThat(problem.detail()).isEqualTo("3 fields are invalid.");
  }

  @Test
  void malformedJsonIs400AndAWrongTypeNamesTheField() {
    Problem malformed = Problems.from(parseFailure("{\"status\": \"WATCHING\",", Map.class), "/x");
    assertThat(malformed.status()).isEqualTo(400);
    assertThat(malformed.code()).isEqualTo("MALFORMED_REQUEST");
    assertThat(malformed.detail()).startsWith("The body is not valid JSON");

    Problem mistyped =
        Problems.from(
            parseFailure(
                "{\"status\":\"WATCHING\",\"progress\":{\"episode\":\"three\"}}",
                EntryRequest.class),
            "/x");
    assertThat(mistyped.status()).isEqualTo(400);
    assertThat(mistyped.violations())
        .extracting(Problem.Violation::field)
        .containsExactly("progress.episode");
  }

  record Dated(java.time.LocalDate startedAt, java.time.Instant watchedAt, Integer count) {}

  @Test
  void malformedJsonNamesTheFieldAndTheJsonTypeButNoJavaType() {
    ObjectMapper json =
        new ObjectMapper()
            .registerModule(new com.fasterxml.jackson.datatype.jsr310.JavaTimeModule());
    record Case(String body, Class<?> type, String detail) {}
    for (Case c :
        List.of(
            new Case("{\"count\": \"x\"}", Dated.class, "count must be a whole number"),
            new Case(
                "{\"startedAt\": \"2026-13-45\"}",
                Dated.class,
                "startedAt must be an ISO-8601 date such as \"2026-01-02\""),
            new Case(
                "{\"watchedAt\": \"yesterday\"}",
                Dated.class,
                "watchedAt must be an ISO-8601 time such as \"2026-01-05T21:00:00Z\""),
            new Case(
                "{\"status\":\"WATCHING\",\"progress\":{\"episode\":\"three\"}}",
                EntryRequest.class,
                "progress.episode must be a whole number"),
            new Case("[1, 2]", EntryRequest.class, "The body must be a JSON object."),
            new Case(
                "{\"count\": 1,",
                Dated.class,
                "The body is not valid JSON (line 1, column 13)."))) {
      com.fasterxml.jackson.core.JsonProcessingException failure;
      try {
        json.readValue(c.body(), c.type());
        throw new AssertionError(c.body() + " parsed");
      } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
        failure = e;
      }
      Problem problem = Problems.from(new java.io.UncheckedIOException(failure), "/x");
      assertThat(problem.status()).isEqualTo(400);
      assertThat(problem.code()).isEqualTo("MALFORMED_REQUEST");
      assertThat(problem.detail()).as(c.body()).isEqualTo(c.detail());
      assertThat(problem.detail() + problem.violations())
          .doesNotContain("java.", "dev.kiroku", "Exception", "`");
    }
  }

  private static com.fasterxml.jackson.core.JsonProcessingException parseFailure(
      String json, Class<?> type) {
    try {
      JSON.readValue(json, type);
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      return e;
    }
    throw new AssertionError("expected " + json + " not to parse as " + type.getSimpleName());
  }

  @Test
  void frameworkErrorsKeepTheirStatusWithASharedCode() {
    assertThat(Problems.from(new NotFoundException(), "/x").code()).isEqualTo("NOT_FOUND");
    assertThat(Problems.from(new NotAllowedException("GET"), "/x").status()).isEqualTo(405);
    assertThat(Problems.from(new NotSupportedException(), "/x").code())
        .isEqualTo("UNSUPPORTED_MEDIA_TYPE");
    assertThat(Problems.from(new UnauthorizedException(), "/x").status()).isEqualTo(401);
    assertThat(Problems.from(new ForbiddenException(), "/x").code()).isEqualTo("FORBIDDEN");
  }

  @Test
  void anUnexpectedFailureIs500WithAnErrorIdAndNoInternals() throws Exception {
    Problem problem =
        Problems.from(new IllegalStateException("password=secret at db.internal"), "/x");
    String body = JSON.writeValueAsString(problem);

    assertThat(problem.status()).isEqualTo(500);
    assertThat(problem.code()).isEqualTo("INTERNAL_ERROR");
    assertThat(problem.extensionMembers()).containsKey("errorId");
    assertThat(problem.detail()).contains(problem.extensionMembers().get("errorId").toString());
    assertThat(body).doesNotContain("secret", "IllegalStateException", "at ");
  }

  @Test
  void anEnumCodeIsItsConstantNameWithoutDeclaringIt() {
    assertThat(TestErrorCode.MEDIA_ALREADY_REFRESHED.code()).isEqualTo("MEDIA_ALREADY_REFRESHED");
    assertThat(CommonErrorCode.VALIDATION_FAILED.type())
        .isEqualTo("https://kiroku.dev/problems/validation-failed");
    ErrorCode notAnEnum =
        new ErrorCode() {
          @Override
          public int status() {
            return 400;
          }

          @Override
          public String title() {
            return "Not an enum";
          }
        };
    org.assertj.core.api.Assertions.assertThatThrownBy(notAnEnum::code)
        .isInstanceOf(IllegalStateException.class);
  }
}
