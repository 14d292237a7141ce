package dev.kiroku.catalog.provider.itunes;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kiroku.catalog.provider.Fixtures;
import dev.kiroku.catalog.provider.ProviderMedia;
import dev.kiroku.contracts.catalog.MediaSnapshot;
import dev.kiroku.contracts.catalog.MediaType;
import dev.kiroku.contracts.catalog.ReleaseStatus;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ItunesMapperTest {

  private final ItunesMapper mapper = new ItunesMapper(Fixtures.CLOCK);

  @Test
  void lookupWithEpisodesInPortuguese() {
    ProviderMedia media =
        mapper.mapLookup(Fixtures.json("itunes/lookup_podcast_381816509_with_episodes.json"));
    MediaSnapshot s = media.media();
    assertTrue(media.complete());
    assertEquals(MediaType.PODCAST, s.type());
    assertEquals("NerdCast", s.titles().canonical());
    assertEquals(List.of("Jovem Nerd"), s.authors());
    assertEquals(List.of("Comédia", "Sociedade e cultura"), s.genres());
    assertEquals("PODCAST", s.format());
    assertEquals(ReleaseStatus.UNKNOWN, s.status());
    assertNull(s.startDate());
    assertEquals(1735, s.counts().episodes());
    assertEquals(Map.of("itunes", "381816509"), s.externalIds());
    assertTrue(s.images().poster().endsWith("/600x600bb.jpg"));
    assertEquals(2, media.episodes().size());
    // oldest first; the newest listed is number trackCount
    assertEquals(
        new ProviderMedia.Episode(
            null,
            1734,
            "NerdCast Empreendedor 94 - Franquias, Galinhas, Perrengues e Camisetas",
            LocalDate.of(2026, 9, 25),
            52),
        media.episodes().get(0));
    assertEquals(
        new ProviderMedia.Episode(
            null,
            1735,
            "NerdCast 1049 - NerdCon 2026: Ao Vivo, Tudo Pode Acontecer!",
            LocalDate.of(2026, 9, 25),
            93),
        media.episodes().get(1));
  }

  @Test
  void twentyFourteenLookupWithLeadingBlankLinesAndNonAsciiTitle() {
    byte[] raw = Fixtures.bytes("itunes/lookup_podcast_347207945.json");
    assertEquals('\n', raw[0]);
    ProviderMedia media = mapper.mapLookup(Fixtures.json("itunes/lookup_podcast_347207945.json"));
    assertEquals(
        "Teach Me To Code » Screencasts (iPhone/iPod)", media.media().titles().canonical());
    assertEquals(List.of("Software How-To", "Technology"), media.media().genres());
    assertEquals(47, media.media().counts().episodes());
    assertEquals(List.of(), media.episodes());
  }

  @Test
  void searchShapeKeepsPodcastsOnly() {
    List<ProviderMedia> results =
        mapper.mapSearch(Fixtures.json("itunes/lookup_podcast_381816509_with_episodes.json"));
    assertEquals(1, results.size());
    assertEquals("NerdCast", results.get(0).media().titles().canonical());
    List<ProviderMedia> wdw =
        mapper.mapSearch(Fixtures.json("itunes/lookup_podcast_215517191.json"));
    assertEquals(
        "The WDW Radio Show - Your Walt Disney World Information Station",
        wdw.get(0).media().titles().canonical());
    assertEquals(
        List.of("Places & Travel", "Society & Culture", "Kids & Family"),
        wdw.get(0).media().genres());
  }
}
