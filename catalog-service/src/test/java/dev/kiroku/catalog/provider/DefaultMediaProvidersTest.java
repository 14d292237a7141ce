package dev.kiroku.catalog.provider;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kiroku.contracts.catalog.ExternalSource;
import dev.kiroku.contracts.catalog.MediaSnapshot;
import dev.kiroku.contracts.catalog.MediaType;
import io.smallrye.mutiny.Uni;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Routing rules of {@link DefaultMediaProviders}, with recording providers. */
class DefaultMediaProvidersTest {

  /** A provider that records its calls and answers what it is told. */
  static final class Recording implements MediaProvider, IsbnLookup {
    final String name;
    final Set<MediaType> types;
    final ExternalSource source;
    final boolean configured;
    final List<ProviderMedia> answer;
    final List<String> calls = new ArrayList<>();

    Recording(
        String name,
        Set<MediaType> types,
        ExternalSource source,
        boolean configured,
        List<ProviderMedia> answer) {
      this.name = name;
      this.types = types;
      this.source = source;
      this.configured = configured;
      this.answer = answer;
    }

    @Override
    public String name() {
      return name;
    }

    @Override
    public Set<MediaType> mediaTypes() {
      return types;
    }

    @Override
    public ExternalSource idSource() {
      return source;
    }

    @Override
    public boolean configured() {
      return configured;
    }

    private <T> Uni<T> answer(String call, T value) {
      calls.add(call);
      if (!configured) {
        return Uni.createFrom()
            .failure(
                new ProviderNotConfiguredException(name, "kiroku.providers." + name + ".token"));
      }
      return Uni.createFrom().item(value);
    }

    @Override
    public Uni<List<ProviderMedia>> search(String query, MediaType type, int page) {
      return answer("search " + query, answer);
    }

    @Override
    public Uni<Optional<ProviderMedia>> fetch(MediaType type, String externalId) {
      return answer("fetch " + externalId, answer.stream().findFirst());
    }

    @Override
    public Uni<Optional<ProviderMedia>> fetchByIsbn(String isbn) {
      return answer("isbn " + isbn, answer.stream().findFirst());
    }
  }

  static ProviderMedia item(String title, MediaType type) {
    return new ProviderMedia(
        new MediaSnapshot(
            null,
            type,
            null,
            new MediaSnapshot.Titles(title, null, null, null, List.of()),
            null,
            new MediaSnapshot.Images(null, null),
            null,
            null,
            null,
            null,
            List.of(),
            List.of(),
            List.of(),
            List.of(),
            List.of(),
            List.of(),
            new MediaSnapshot.Counts(null, null, null, null, null, null, null),
            null,
            null,
            Map.of(),
            "test",
            null,
            List.of()),
        List.of(),
        false);
  }

  private static <T> T await(Uni<T> uni) {
    return uni.await().atMost(Duration.ofSeconds(5));
  }

  @Test
  void booksFallBackToGoogleBooksWhenHardcoverHasNoMatch() {
    Recording hardcover =
        new Recording(
            "hardcover", Set.of(MediaType.BOOK), ExternalSource.HARDCOVER, true, List.of());
    Recording google =
        new Recording(
            "googlebooks",
            Set.of(MediaType.BOOK),
            ExternalSource.GOOGLE_BOOKS,
            true,
            List.of(item("Dune", MediaType.BOOK)));
    DefaultMediaProviders router = new DefaultMediaProviders(List.of(google, hardcover));
    List<ProviderMedia> found = await(router.search("dune", MediaType.BOOK, 1));
    assertEquals("Dune", found.get(0).media().titles().canonical());
    assertEquals(List.of("search dune"), hardcover.calls);
    assertEquals(List.of("search dune"), google.calls);
  }

  @Test
  void booksUseHardcoverAloneWhenItMatches() {
    Recording hardcover =
        new Recording(
            "hardcover",
            Set.of(MediaType.BOOK),
            ExternalSource.HARDCOVER,
            true,
            List.of(item("Dune", MediaType.BOOK)));
    Recording google =
        new Recording(
            "googlebooks",
            Set.of(MediaType.BOOK),
            ExternalSource.GOOGLE_BOOKS,
            true,
            List.of(item("Other", MediaType.BOOK)));
    DefaultMediaProviders router = new DefaultMediaProviders(List.of(google, hardcover));
    assertEquals(
        "Dune",
        await(router.search("dune", MediaType.BOOK, 1)).get(0).media().titles().canonical());
    assertTrue(google.calls.isEmpty());
  }

  @Test
  void booksSkipHardcoverWithoutToken() {
    Recording hardcover =
        new Recording(
            "hardcover", Set.of(MediaType.BOOK), ExternalSource.HARDCOVER, false, List.of());
    Recording google =
        new Recording(
            "googlebooks",
            Set.of(MediaType.BOOK),
            ExternalSource.GOOGLE_BOOKS,
            true,
            List.of(item("Dune", MediaType.BOOK)));
    DefaultMediaProviders router = new DefaultMediaProviders(List.of(hardcover, google));
    assertEquals(1, await(router.search("dune", MediaType.BOOK, 1)).size());
    assertTrue(hardcover.calls.isEmpty());
    assertEquals(
        "Dune",
        await(router.fetch(ExternalSource.ISBN, MediaType.BOOK, "978-0-441-01359-3"))
            .orElseThrow()
            .media()
            .titles()
            .canonical());
    assertEquals(List.of("search dune", "isbn 9780441013593"), google.calls);
  }

  @Test
  void notConfiguredWhenNoProviderForTheTypeHasCredentials() {
    Recording tmdb =
        new Recording(
            "tmdb", Set.of(MediaType.MOVIE, MediaType.TV), ExternalSource.TMDB, false, List.of());
    DefaultMediaProviders router = new DefaultMediaProviders(List.of(tmdb));
    ProviderNotConfiguredException e =
        assertThrows(
            ProviderNotConfiguredException.class,
            () -> await(router.search("x", MediaType.MOVIE, 1)));
    assertEquals("tmdb", e.provider());
  }

  @Test
  void fetchRoutesByIdSourceAndRejectsUnsupportedSources() {
    Recording jikan =
        new Recording(
            "jikan",
            Set.of(MediaType.ANIME, MediaType.MANGA),
            ExternalSource.MAL,
            true,
            List.of(item("Cowboy Bebop", MediaType.ANIME)));
    Recording tmdb =
        new Recording(
            "tmdb",
            Set.of(MediaType.MOVIE, MediaType.TV),
            ExternalSource.TMDB,
            true,
            List.of(item("Fight Club", MediaType.MOVIE)));
    DefaultMediaProviders router = new DefaultMediaProviders(List.of(tmdb, jikan));
    assertEquals(
        "Cowboy Bebop",
        await(router.fetch(ExternalSource.MAL, MediaType.ANIME, "1"))
            .orElseThrow()
            .media()
            .titles()
            .canonical());
    assertEquals(
        "Fight Club",
        await(router.fetch(ExternalSource.TMDB, MediaType.MOVIE, "550"))
            .orElseThrow()
            .media()
            .titles()
            .canonical());
    Throwable kitsu =
        assertThrows(
            RuntimeException.class,
            () -> await(router.fetch(ExternalSource.KITSU, MediaType.ANIME, "1")));
    assertInstanceOf(MediaProviders.UnsupportedSourceException.class, kitsu);
    assertThrows(
        MediaProviders.UnsupportedSourceException.class,
        () -> await(router.fetch(ExternalSource.MAL, MediaType.MOVIE, "1")));
    assertThrows(
        MediaProviders.UnsupportedSourceException.class,
        () -> await(router.fetch(ExternalSource.ISBN, MediaType.ANIME, "9780441013593")));
    assertEquals(List.of("fetch 1"), jikan.calls);
  }
}
