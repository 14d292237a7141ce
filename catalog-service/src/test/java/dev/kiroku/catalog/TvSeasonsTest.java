package dev.kiroku.catalog;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.greaterThan;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.notNullValue;

import dev.kiroku.catalog.domain.MediaDraft;
import dev.kiroku.catalog.provider.Fixtures;
import dev.kiroku.catalog.provider.ProviderMedia;
import dev.kiroku.catalog.provider.tmdb.TmdbMapper;
import dev.kiroku.catalog.service.MediaWriter;
import dev.kiroku.testing.TestTokens;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * TV seasons and episodes as stored and served: Game of Thrones mapped by the TMDB adapter's mapper
 * from the recorded responses (details with every season listed, season 1 with its episodes),
 * written by {@link MediaWriter} like any provider fetch.
 */
@QuarkusTest
class TvSeasonsTest {

  static final String API = "/api/v1/catalog";

  @Inject MediaWriter writer;

  @Test
  void seasonsAndTheirEpisodesAreStoredAndPaginated() {
    ProviderMedia got =
        new TmdbMapper(Clock.systemUTC())
            .mapTv(
                Fixtures.json("tmdb/tv_1399_details.json"),
                List.of(Fixtures.json("tmdb/tv_1399_season_1.json")));
    MediaWriter.Written written =
        writer.upsert(List.of(MediaDraft.of(got))).await().atMost(Duration.ofSeconds(30)).get(0);
    String id = written.media().id().toString();
    String token = TestTokens.user("alice");

    given()
        .auth()
        .oauth2(token)
        .get(API + "/media/" + id)
        .then()
        .statusCode(200)
        .body("type", equalTo("TV"))
        .body("externalIds.tmdb", equalTo("1399"))
        .body("seasons.size()", greaterThan(1));
    given()
        .auth()
        .oauth2(token)
        .get(API + "/media/" + id + "/seasons")
        .then()
        .statusCode(200)
        .body("items.size()", equalTo(written.media().seasons().size()))
        .body("items.find { it.number == 1 }.episodeCount", equalTo(10));
    given()
        .auth()
        .oauth2(token)
        .get(API + "/media/" + id + "/seasons/1/episodes?size=4&page=3")
        .then()
        .statusCode(200)
        .body("total", equalTo(10))
        .body("items", hasSize(2))
        .body("items[0].number", equalTo(9))
        .body("items.seasonNumber", everyItem(equalTo(1)))
        .body("items[0].airDate", notNullValue());
    given()
        .auth()
        .oauth2(token)
        .get(API + "/media/" + id + "/seasons/99/episodes")
        .then()
        .statusCode(404)
        .body("code", equalTo("SEASON_NOT_FOUND"));
  }
}
