package dev.kiroku.social.domain;

/**
 * One field of a JSON merge patch (RFC 7386): absent (keep the stored value) or set to a value,
 * null included (clear it).
 *
 * @param present whether the request named the field
 * @param value the new value when present; null clears
 */
public record Patch<T>(boolean present, T value) {

  private static final Patch<?> ABSENT = new Patch<>(false, null);

  /** A field the request did not name. */
  @SuppressWarnings("unchecked")
  public static <T> Patch<T> absent() {
    return (Patch<T>) ABSENT;
  }

  /** A field set to {@code value} (null: cleared). */
  public static <T> Patch<T> of(T value) {
    return new Patch<>(true, value);
  }

  /** The new value when present, else {@code current}. */
  public T or(T current) {
    return present ? value : current;
  }
}
