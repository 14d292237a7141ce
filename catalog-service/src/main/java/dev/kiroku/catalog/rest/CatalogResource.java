package dev.kiroku.catalog.rest;

import dev.kiroku.catalog.service.CatalogService;
import dev.kiroku.catalog.service.MediaBody;
import dev.kiroku.contracts.catalog.ExternalSource;
import dev.kiroku.contracts.catalog.MediaSnapshot;
import dev.kiroku.contracts.catalog.MediaType;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Uni;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Response;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;

/**
 * The catalog API. Media bodies are {@code MediaSnapshot} JSON; errors are problem+json. A body
 * served from the stored copy because the provider failed carries {@code Kiroku-Stale: true} and a
 * {@code Warning: 110} header naming the provider.
 */
@Path("/api/v1/catalog")
@Produces("application/json")
public class CatalogResource {

  /** Header set to {@code true} on a stored copy served because the provider failed. */
  public static final String STALE_HEADER = "Kiroku-Stale";

  @Inject CatalogService catalog;
  @Inject SecurityIdentity identity;

  @GET
  @Path("/search")
  @Operation(summary = "Search a provider; results are stored and get internal ids (cached 24 h)")
  public Uni<Response> search(
      @QueryParam("q") String q, @QueryParam("type") String type, @QueryParam("page") String page) {
    String query = Params.query("q", q);
    MediaType mediaType = Params.mediaType("type", type, null);
    int pageNumber = Params.integer("page", page, 1, 1, Params.MAX_SEARCH_PAGE);
    return catalog.search(query, mediaType, pageNumber).map(body -> Response.ok(body).build());
  }

  @GET
  @Path("/media/{id}")
  @Operation(summary = "A media item by internal id (MediaSnapshot; cached 6 h)")
  public Uni<Response> media(@PathParam("id") String id) {
    return catalog.get(Params.uuid("id", id)).map(CatalogResource::respond);
  }

  @GET
  @Path("/media/by-external/{source}/{externalId}")
  @Operation(
      summary =
          "A media item by provider id; fetched from the provider when unknown (only for a"
              + " signed-in caller: a visitor without a token gets stored items only, as with"
              + " fetch=false). type defaults to ANIME for mal and MOVIE for tmdb")
  public Uni<Response> byExternal(
      @PathParam("source") String source,
      @PathParam("externalId") String externalId,
      @QueryParam("type") String type,
      @QueryParam("fetch") String fetch) {
    ExternalSource externalSource = Params.source(source);
    String id = Params.externalId("externalId", externalId);
    if (externalSource == ExternalSource.ISBN) {
      id = Params.isbn("externalId", id);
    }
    MediaType mediaType = Params.mediaType("type", type, defaultType(externalSource));
    // a visitor without a token never spends the providers' quota
    boolean fromProvider = Params.bool("fetch", fetch, true) && !identity.isAnonymous();
    return catalog
        .byExternal(externalSource, mediaType, id, fromProvider)
        .map(CatalogResource::respond);
  }

  @GET
  @Path("/media/{id}/seasons")
  @Operation(summary = "TV seasons of a media item (0 = specials)")
  public Uni<ListPage<MediaSnapshot.SeasonSummary>> seasons(@PathParam("id") String id) {
    return catalog
        .seasons(Params.uuid("id", id))
        .map(list -> new ListPage<>(list, 1, list.size(), list.size()));
  }

  @GET
  @Path("/media/{id}/seasons/{number}/episodes")
  @Operation(summary = "Episodes of one TV season, paginated")
  public Uni<ListPage<EpisodeView>> seasonEpisodes(
      @PathParam("id") String id,
      @PathParam("number") String number,
      @QueryParam("page") String page,
      @QueryParam("size") String size) {
    UUID mediaId = Params.uuid("id", id);
    int season = Params.integer("number", number, 0, 0, 1000);
    return episodes(mediaId, season, page, size);
  }

  @GET
  @Path("/media/{id}/episodes")
  @Operation(
      summary = "Every episode of a media item (anime, podcasts; TV across seasons), paginated")
  public Uni<ListPage<EpisodeView>> allEpisodes(
      @PathParam("id") String id,
      @QueryParam("page") String page,
      @QueryParam("size") String size) {
    return episodes(Params.uuid("id", id), null, page, size);
  }

  @POST
  @Path("/media/{id}/refresh")
  @Operation(summary = "Fetch the item again from its provider; at most once per 24 h per item")
  public Uni<Response> refresh(@PathParam("id") String id) {
    return catalog.refresh(Params.uuid("id", id)).map(CatalogResource::respond);
  }

  private Uni<ListPage<EpisodeView>> episodes(UUID id, Integer season, String page, String size) {
    int pageNumber = Params.integer("page", page, 1, 1, 100_000);
    int pageSize = Params.integer("size", size, 100, 1, Params.MAX_PAGE_SIZE);
    return catalog
        .episodes(id, season, pageNumber, pageSize)
        .map(
            p ->
                new ListPage<>(
                    p.items().stream().map(EpisodeView::of).toList(),
                    p.page(),
                    p.size(),
                    p.total()));
  }

  static MediaType defaultType(ExternalSource source) {
    return switch (source) {
      case MAL, ANILIST, KITSU -> MediaType.ANIME;
      case TMDB, IMDB -> MediaType.MOVIE;
      case TVDB -> MediaType.TV;
      case IGDB -> MediaType.GAME;
      case HARDCOVER, ISBN, GOODREADS, GOOGLE_BOOKS -> MediaType.BOOK;
      case ITUNES -> MediaType.PODCAST;
    };
  }

  static Response respond(MediaBody body) {
    Response.ResponseBuilder response = Response.ok(body.json());
    if (body.stale()) {
      response
          .header(STALE_HEADER, "true")
          .header(
              "Warning", "110 kiroku-catalog \"Response is Stale: " + body.staleBecause() + "\"");
    }
    return response.build();
  }

  /**
   * A page of a list.
   *
   * @param items this page's items
   * @param page 1-based page
   * @param size page size asked for
   * @param total items in all pages
   */
  public record ListPage<T>(List<T> items, int page, int size, long total) {}

  /**
   * One episode.
   *
   * @param seasonNumber TV season (0 = specials); null for anime and podcasts
   * @param number episode number
   * @param title title, may be null
   * @param airDate first air date, may be null
   * @param runtimeMinutes runtime in minutes, may be null
   */
  public record EpisodeView(
      Integer seasonNumber,
      int number,
      String title,
      java.time.LocalDate airDate,
      Integer runtimeMinutes) {
    static EpisodeView of(dev.kiroku.catalog.provider.ProviderMedia.Episode e) {
      return new EpisodeView(
          e.seasonNumber(), e.number(), e.title(), e.airDate(), e.runtimeMinutes());
    }
  }
}
