package dev.kiroku.search.rest;

import dev.kiroku.search.service.SearchRequest;
import dev.kiroku.search.service.SearchResult;
import dev.kiroku.search.service.SearchService;
import dev.kiroku.search.service.SearchWorkers;
import dev.kiroku.search.service.Suggestion;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;

/**
 * Catalog search. Validation and answers that need no index work (already computed on the index's
 * current view, or empty) are given on the event loop; searching the index is blocking, so it runs
 * on a {@link SearchWorkers} thread, never on the event loop.
 */
@Path("/api/v1/search")
@Produces(MediaType.APPLICATION_JSON)
public class SearchResource {

  private final SearchService service;
  private final SearchWorkers workers;

  public SearchResource(SearchService service, SearchWorkers workers) {
    this.service = service;
    this.workers = workers;
  }

  /** Typo-tolerant, faceted search; see {@link SearchService#request} for the parameter rules. */
  @GET
  @Operation(
      summary = "Search the catalog",
      description =
          "Typo-tolerant, prefix-matching search over every title, ranked by text relevance, "
              + "popularity and score, with facet counts. 400 problem+json names a bad parameter.")
  public Uni<SearchResult> search(
      @Parameter(description = "text as typed (max 200 characters); never query syntax")
          @QueryParam("q")
          String q,
      @Parameter(description = "media types, e.g. ANIME (repeat or comma-separate)")
          @QueryParam("type")
          List<String> type,
      @Parameter(description = "genre names") @QueryParam("genre") List<String> genre,
      @Parameter(description = "start years") @QueryParam("year") List<String> year,
      @Parameter(description = "formats, e.g. TV, MOVIE") @QueryParam("format") List<String> format,
      @Parameter(description = "release statuses, e.g. FINISHED") @QueryParam("status")
          List<String> status,
      @Parameter(description = "relevance (default), popularity, score, year, title")
          @QueryParam("sort")
          String sort,
      @Parameter(description = "1-based page (default 1)") @QueryParam("page") String page,
      @Parameter(description = "items per page, 1-50 (default 20)") @QueryParam("size")
          String size) {
    SearchRequest request = service.request(q, type, genre, year, format, status, sort, page, size);
    SearchResult answered = service.searchWithoutIndexWork(request);
    if (answered != null) {
      return Uni.createFrom().item(answered);
    }
    return workers.run(() -> service.search(request));
  }

  /**
   * Autocomplete.
   *
   * @return {@code {"suggestions": [{"id", "type", "title", "year"}]}}, best first
   */
  @GET
  @Path("/suggest")
  @Operation(summary = "Top completions for what the user has typed so far")
  public Uni<SuggestResponse> suggest(
      @Parameter(description = "text typed so far") @QueryParam("q") String q,
      @Parameter(description = "1-10 (default 10)") @QueryParam("limit") String limit) {
    SearchService.SuggestRequest request = service.suggestRequest(q, limit);
    List<Suggestion> answered = service.suggestWithoutIndexWork(request);
    if (answered != null) {
      return Uni.createFrom().item(new SuggestResponse(answered));
    }
    return workers.run(() -> new SuggestResponse(service.suggest(request)));
  }

  /**
   * Autocomplete answer.
   *
   * @param suggestions completions, best first
   */
  public record SuggestResponse(List<Suggestion> suggestions) {}
}
