package dev.kiroku.search.rest;

import dev.kiroku.platform.problem.ProblemException;
import dev.kiroku.search.indexer.IndexerLifecycle;
import dev.kiroku.search.indexer.RebuildStatus;
import dev.kiroku.search.service.SearchErrorCode;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;

/** Index administration; realm role {@code admin} only (others get 403 problem+json). */
@Path("/api/v1/search/admin")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed("admin")
public class SearchAdminResource {

  private final IndexerLifecycle lifecycle;

  public SearchAdminResource(IndexerLifecycle lifecycle) {
    this.lifecycle = lifecycle;
  }

  /**
   * Rebuilds this replica's index from {@code catalog.media.v1}: built aside, then swapped in
   * without downtime. Answers at once with 202 and the running status; poll {@code GET}.
   *
   * @throws ProblemException 409 {@link SearchErrorCode#REBUILD_IN_PROGRESS} when one is running
   */
  @POST
  @Path("/rebuild")
  @Operation(summary = "Rebuild the index from the topic (build aside, then swap)")
  public Response rebuild() {
    RebuildStatus status =
        lifecycle
            .indexer()
            .rebuild()
            .orElseThrow(
                () ->
                    new ProblemException(
                        SearchErrorCode.REBUILD_IN_PROGRESS,
                        "A rebuild started at "
                            + lifecycle.indexer().rebuildStatus().startedAt()
                            + " is still running"));
    return Response.accepted(status).build();
  }

  /** The latest rebuild's status ({@code IDLE}, {@code RUNNING}, {@code DONE}, {@code FAILED}). */
  @GET
  @Path("/rebuild")
  @Operation(summary = "Status of the latest rebuild")
  public RebuildStatus rebuildStatus() {
    return lifecycle.indexer().rebuildStatus();
  }
}
