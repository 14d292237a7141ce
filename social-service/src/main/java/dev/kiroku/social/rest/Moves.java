package dev.kiroku.social.rest;

import dev.kiroku.social.domain.ByHandle;
import jakarta.ws.rs.core.Response;
import java.util.function.Function;

/** Responses to operations on a user named by handle, where an old handle answers 308. */
final class Moves {

  private Moves() {}

  /**
   * {@code 308} with {@code Location: <before><current handle><after>} when the handle was renamed
   * less than 30 days ago (the client repeats the request, method and body kept), else {@code
   * done}'s response.
   */
  static <T> Response respond(
      ByHandle<T> result, String before, String after, Function<T, Response> done) {
    if (result instanceof ByHandle.Moved<?> moved) {
      return Response.status(308).header("Location", before + moved.handle() + after).build();
    }
    return done.apply(((ByHandle.Done<T>) result).value());
  }
}
