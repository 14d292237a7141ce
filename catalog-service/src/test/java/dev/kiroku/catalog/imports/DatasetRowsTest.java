package dev.kiroku.catalog.imports;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.kiroku.catalog.domain.MediaDraft;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DatasetRowsTest {

  static final Map<String, Integer> MOVIE_COLUMNS = Map.of("movieId", 0, "title", 1, "genres", 2);

  static CsvFile.Row movieRow(String... values) {
    return new CsvFile.Row(2, values, MOVIE_COLUMNS);
  }

  static final Map<Long, DatasetRows.Link> LINKS =
      Map.of(1L, new DatasetRows.Link("tt0133093", "603"));

  @Test
  void movieLensTitlesLoseTheirYearAndGetTheirArticleBack() throws RowRejected {
    MediaDraft matrix =
        DatasetRows.movie(movieRow("1", "Matrix, The (1999)", "Action|Sci-Fi"), 3, LINKS);
    assertThat(matrix.media().titles().canonical()).isEqualTo("The Matrix");
    assertThat(matrix.media().startDate()).hasYear(1999);
    assertThat(matrix.media().genres()).containsExactly("Action", "Sci-Fi");
    assertThat(matrix.media().externalIds())
        .containsEntry("tmdb", "603")
        .containsEntry("imdb", "tt0133093");

    MediaDraft alt =
        DatasetRows.movie(
            movieRow(
                "1",
                "City of Lost Children, The (Cité des enfants perdus, La) (1995)",
                "(no genres listed)"),
            3,
            LINKS);
    assertThat(alt.media().titles().canonical()).isEqualTo("The City of Lost Children");
    assertThat(alt.media().titles().synonyms()).containsExactly("La Cité des enfants perdus");
    assertThat(alt.media().genres()).isEmpty();
  }

  @Test
  void aMovieWithoutLinksIsRejected() {
    assertThatThrownBy(
            () -> DatasetRows.movie(movieRow("2", "Jumanji (1995)", "Fantasy"), 3, LINKS))
        .isInstanceOf(RowRejected.class)
        .hasMessageContaining("movieId");
  }

  @Test
  void isbn10GetsItsLeadingZeroBackIsCheckedAndBecomesIsbn13() {
    assertThat(DatasetRows.isbn13("439023483")).isEqualTo("9780439023481");
    assertThat(DatasetRows.isbn13("043902348X")).isNull();
    assertThat(DatasetRows.isbn13("1234567890")).isNull();
    assertThat(DatasetRows.isbn13("080442957x")).isEqualTo("9780804429573");
    assertThat(DatasetRows.isbn13(null)).isNull();
  }

  @Test
  void animeRowsDecodeHtmlEntitiesAndUnknownEpisodes() throws RowRejected {
    Map<String, Integer> cols =
        Map.of(
            "anime_id",
            0,
            "name",
            1,
            "genre",
            2,
            "type",
            3,
            "episodes",
            4,
            "rating",
            5,
            "members",
            6);
    MediaDraft d =
        DatasetRows.anime(
            new CsvFile.Row(
                2,
                new String[] {
                  "9969", "Gintama&#039;", "Action, Comedy", "TV", "Unknown", "9.16", "151266"
                },
                cols),
            7);
    assertThat(d.media().titles().canonical()).isEqualTo("Gintama'");
    assertThat(d.media().counts().episodes()).isNull();
    assertThat(d.media().averageScore()).isEqualTo(92);
    assertThat(d.media().genres()).isEqualTo(List.of("Action", "Comedy"));
    assertThat(d.media().popularity()).isBetween(80, 90);
  }
}
