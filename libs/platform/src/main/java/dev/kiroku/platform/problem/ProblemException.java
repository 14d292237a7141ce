package dev.kiroku.platform.problem;

import java.util.List;
import java.util.Map;

/**
 * Thrown by service code to answer with a problem+json body; mapped by {@link
 * ProblemExceptionMappers}. The status comes from the {@link ErrorCode}.
 */
public class ProblemException extends RuntimeException {

  private final ErrorCode errorCode;
  private final String detail;
  private final List<Problem.Violation> violations;
  private final Map<String, Object> extensions;
  private Integer retryAfterSeconds;

  /**
   * @param errorCode the stable code and status
   * @param detail human explanation of this occurrence
   */
  public ProblemException(ErrorCode errorCode, String detail) {
    this(errorCode, detail, List.of(), Map.of());
  }

  /**
   * @param errorCode the stable code and status
   * @param detail human explanation of this occurrence
   * @param violations field violations (400/422 only)
   * @param extensions further members written at the top level of the body
   */
  public ProblemException(
      ErrorCode errorCode,
      String detail,
      List<Problem.Violation> violations,
      Map<String, Object> extensions) {
    super(errorCode.code() + ": " + detail, null, false, false);
    this.errorCode = errorCode;
    this.detail = detail;
    this.violations = List.copyOf(violations);
    this.extensions = Map.copyOf(extensions);
  }

  /**
   * A 400 {@code VALIDATION_FAILED} naming one request field (query parameter, form part, body
   * field): detail {@code "<field> <message>"}, one violation.
   */
  public static ProblemException invalidField(String field, String message) {
    return new ProblemException(
        CommonErrorCode.VALIDATION_FAILED,
        field + " " + message,
        List.of(new Problem.Violation(field, message)),
        Map.of());
  }

  /**
   * Asks clients to retry after {@code seconds}: the response gets a {@code Retry-After} header
   * (for 503 and 429 answers).
   *
   * @return this exception
   */
  public ProblemException retryAfter(int seconds) {
    this.retryAfterSeconds = seconds;
    return this;
  }

  /** Seconds for the {@code Retry-After} header, or null for none. */
  public Integer retryAfterSeconds() {
    return retryAfterSeconds;
  }

  public ErrorCode errorCode() {
    return errorCode;
  }

  /** The problem body for this exception at the given request path. */
  public Problem toProblem(String instance) {
    return new Problem(
        errorCode.type(),
        errorCode.title(),
        errorCode.status(),
        detail,
        instance,
        errorCode.code(),
        violations,
        extensions);
  }
}
