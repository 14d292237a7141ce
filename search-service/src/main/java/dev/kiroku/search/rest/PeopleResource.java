package dev.kiroku.search.rest;

import dev.kiroku.search.service.PeopleService;
import dev.kiroku.search.service.Person;
import dev.kiroku.search.service.SearchWorkers;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;

/**
 * People search over public profiles. Validation runs on the event loop; the search itself (Lucene)
 * on a {@link SearchWorkers} thread.
 */
@Path("/api/v1/search/users")
@Produces(MediaType.APPLICATION_JSON)
public class PeopleResource {

  private final PeopleService service;
  private final SearchWorkers workers;
  private final SecurityIdentity identity;

  public PeopleResource(PeopleService service, SearchWorkers workers, SecurityIdentity identity) {
    this.service = service;
    this.workers = workers;
    this.identity = identity;
  }

  /**
   * @return {@code {"items": [{"handle", "displayName", "avatarUrl"}], "limit"}}, best first
   */
  @GET
  @Operation(
      summary = "Search people",
      description =
          "Public profiles whose handle or display name matches q (typo-tolerant, prefixes as "
              + "you type), best first; never a user who blocked the caller. 400 problem+json "
              + "names a bad q or limit.")
  public Uni<PeopleAnswer> search(
      @Parameter(description = "handle or display name as typed (1-100 characters)")
          @QueryParam("q")
          String q,
      @Parameter(description = "most people, 1-50 (default 20)") @QueryParam("limit")
          String limit) {
    PeopleService.PeopleRequest request = service.request(q, limit);
    String caller = caller();
    return workers.run(() -> new PeopleAnswer(service.search(request, caller), request.limit()));
  }

  /** The token's {@code sub}; null for a visitor without a token (nobody blocked them). */
  private String caller() {
    if (identity.isAnonymous()) {
      return null;
    }
    if (identity.getPrincipal() instanceof JsonWebToken jwt && jwt.getSubject() != null) {
      return jwt.getSubject();
    }
    return identity.getPrincipal().getName();
  }

  /**
   * A people search answer.
   *
   * @param items people, best first
   * @param limit the most that were asked for
   */
  public record PeopleAnswer(List<Person> items, int limit) {}
}
