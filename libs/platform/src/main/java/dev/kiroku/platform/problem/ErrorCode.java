package dev.kiroku.platform.problem;

/**
 * A stable, machine-readable error code carried in every problem+json body as {@code code}.
 *
 * <p>Each service keeps its own enum of codes (for example {@code MEDIA_NOT_FOUND}) implementing
 * this interface; {@link CommonErrorCode} holds the ones every service shares. Codes never change
 * once published: clients switch on them.
 */
public interface ErrorCode {

  /**
   * The code as clients see it, e.g. {@code MEDIA_NOT_FOUND}: by default the enum constant's name,
   * so a service's enum declares only status and title.
   *
   * @throws IllegalStateException when an implementation that is not an enum does not override it
   */
  default String code() {
    if (this instanceof Enum<?> constant) {
      return constant.name();
    }
    throw new IllegalStateException(getClass().getName() + " must implement code()");
  }

  /** HTTP status sent with this code (400-599). */
  int status();

  /** Short human summary, the same for every occurrence (RFC 9457 {@code title}). */
  String title();

  /** RFC 9457 {@code type} URI identifying this problem kind. */
  default String type() {
    return "https://kiroku.dev/problems/"
        + code().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
  }
}
