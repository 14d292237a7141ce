package dev.kiroku.progress.rest;

import dev.kiroku.progress.domain.EntryResult;
import dev.kiroku.progress.domain.EpisodeMarks;
import dev.kiroku.progress.service.EntryService;
import dev.kiroku.progress.service.EpisodeService;
import dev.kiroku.progress.service.LibraryService;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Uni;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * Episode-level tracking of the caller's entries: marking and unmarking episodes (chapters for
 * manga), the history, "advance" to the next episode, and up-next.
 */
@Path("/api/v1/progress")
@Produces(MediaType.APPLICATION_JSON)
public class EpisodeResource {

  @Inject SecurityIdentity identity;
  @Inject EpisodeService episodes;
  @Inject EntryService entries;
  @Inject LibraryService library;

  /** {@code {"items": [{"repeat": 0, "season": 1, "episode": 3, "watchedAt": "..."}]}} */
  public record HistoryList(List<HistoryItem> items) {}

  /** One watched episode (or chapter, for manga: {@code episode} is the chapter number). */
  public record HistoryItem(int repeat, Integer season, int episode, Instant watchedAt) {}

  /** {@code {"items": [entry with caughtUp and next, ...]}} */
  public record UpNext(List<EntryView> items) {}

  /** Marks one episode or a range watched; creates the entry when there is none. */
  @POST
  @Path("/entries/{mediaId}/episodes")
  @Consumes(MediaType.APPLICATION_JSON)
  public Uni<Response> mark(
      @PathParam("mediaId") UUID mediaId, @Valid @NotNull EpisodesRequest body) {
    return episodes
        .episodes(
            Requests.user(identity),
            mediaId,
            new EpisodeMarks(
                body.season(), body.episode(), body.from(), body.to(), body.watchedAt()),
            false)
        .map(EpisodeResource::entry);
  }

  /** Unmarks: query parameters {@code season}, {@code episode} or {@code from} and {@code to}. */
  @DELETE
  @Path("/entries/{mediaId}/episodes")
  public Uni<Response> unmark(
      @PathParam("mediaId") UUID mediaId,
      @QueryParam("season") @Min(0) Integer season,
      @QueryParam("episode") @Min(1) Integer episode,
      @QueryParam("from") @Min(1) Integer from,
      @QueryParam("to") @Min(1) Integer to) {
    return episodes
        .episodes(
            Requests.user(identity),
            mediaId,
            new EpisodeMarks(season, episode, from, to, null),
            true)
        .map(EpisodeResource::entry);
  }

  /** Every watched episode of every run. */
  @GET
  @Path("/entries/{mediaId}/episodes")
  public Uni<HistoryList> history(@PathParam("mediaId") UUID mediaId) {
    return entries
        .history(Requests.user(identity), mediaId)
        .map(
            rows ->
                new HistoryList(
                    rows.stream()
                        .map(
                            r -> new HistoryItem(r.repeat(), r.season(), r.number(), r.watchedAt()))
                        .toList()));
  }

  /** Marks the next episode, or answers {@code caughtUp: true} with the entry unchanged. */
  @POST
  @Path("/entries/{mediaId}/advance")
  public Uni<Response> advance(@PathParam("mediaId") UUID mediaId) {
    return episodes
        .advance(Requests.user(identity), mediaId)
        .map(result -> Requests.entry(200, EntryView.withNext(result)));
  }

  /** The caller's watching anime and TV shows with their next episode. */
  @GET
  @Path("/up-next")
  public Uni<UpNext> upNext() {
    return library
        .watching(Requests.user(identity))
        .map(
            watching ->
                new UpNext(
                    watching.entries().stream()
                        .map(
                            e ->
                                EntryView.withNext(
                                    EntryResult.read(
                                        e, watching.media().get(e.mediaId), watching.scale())))
                        .toList()));
  }

  private static Response entry(EntryResult result) {
    return Requests.entry(200, EntryView.of(result, true));
  }
}
