package dev.kiroku.progress.domain.imports.format;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;

import dev.kiroku.contracts.catalog.ExternalSource;
import dev.kiroku.contracts.catalog.MediaType;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** MyAnimeList XML on the real exports in ../shared/fixtures/imports/mal-xml. */
class MalXmlFormatTest {

  private static Map<ImportStatus, Long> countByStatus(List<ImportedEntry> rows) {
    return rows.stream()
        .collect(Collectors.groupingBy(ImportedEntry::status, Collectors.counting()));
  }

  @Test
  void gzippedOldHeaderExportHas109EntriesWithTheStatusesTheHeaderAnnounces() {
    List<ImportedEntry> rows =
        Fixtures.parse(ImportSource.MAL_XML, "mal-xml/nuck_animelist.xml.gz");

    assertThat(rows).hasSize(109);
    // <myinfo> says: 12 watching, 73 completed, 0 on hold, 3 dropped, 21 plan to watch
    assertThat(countByStatus(rows))
        .containsOnly(
            entry(ImportStatus.WATCHING, 12L),
            entry(ImportStatus.COMPLETED, 73L),
            entry(ImportStatus.DROPPED, 3L),
            entry(ImportStatus.PLANNING, 21L));
    assertThat(rows).allSatisfy(r -> assertThat(r.importable()).isTrue());
    assertThat(rows).allSatisfy(r -> assertThat(r.mediaType()).isEqualTo(MediaType.ANIME));
    assertThat(rows.stream().map(ImportedEntry::recordNumber))
        .containsExactlyElementsOf(
            java.util.stream.LongStream.rangeClosed(1, 109).boxed().toList());
    assertThat(rows.stream().filter(r -> r.rating() == null)).hasSize(26); // my_score 0
    assertThat(rows.stream().filter(ImportedEntry::repeating)).hasSize(3);
    assertThat(rows.stream().mapToInt(r -> r.progress().episode()).sum()).isEqualTo(1312);
  }

  @Test
  void gzippedExportEntryFieldsAreMappedFromTheFile() {
    List<ImportedEntry> rows =
        Fixtures.parse(ImportSource.MAL_XML, "mal-xml/nuck_animelist.xml.gz");

    ImportedEntry hack = rows.get(0);
    assertThat(hack.title()).isEqualTo(".hack//Sign");
    assertThat(hack.externalIds()).containsExactly(entry(ExternalSource.MAL, "48"));
    assertThat(hack.status()).isEqualTo(ImportStatus.COMPLETED);
    assertThat(hack.progress()).isEqualTo(new ImportedProgress(null, 26, null, null, null));
    assertThat(hack.rating()).isEqualTo(60);
    assertThat(hack.startedAt()).isNull(); // 0000-00-00
    assertThat(hack.completedAt()).isNull();
    assertThat(hack.tags()).containsExactly("cyberpunk", "classic");
    assertThat(hack.notes()).isNull(); // empty CDATA
    assertThat(hack.repeatCount()).isZero();
    assertThat(hack.line()).isGreaterThan(20);
    assertThat(hack.updatedAt()).isNull();

    ImportedEntry flcl = Fixtures.byTitle(rows, "FLCL");
    assertThat(flcl.repeatCount()).isEqualTo(2); // my_times_watched 2
    assertThat(flcl.rating()).isEqualTo(90);

    // my_rewatching 1; status stays as MAL states it
    ImportedEntry blood = Fixtures.byTitle(rows, "Blood+");
    assertThat(blood.repeating()).isTrue();
    assertThat(blood.status()).isEqualTo(ImportStatus.COMPLETED);
    assertThat(blood.progress().episode()).isEqualTo(4);
    // the real file has invalid UTF-8 bytes in this comment: replaced, not fatal
    assertThat(blood.notes())
        .startsWith("&atilde;")
        .contains("\uFFFD")
        .endsWith("Downloaded Episodes: 50");

    // partial dates kept at their precision: 2012-07-00 and 2012-10-00
    ImportedEntry cromartie = Fixtures.byTitle(rows, "Sakigake!! Cromartie Koukou");
    assertThat(cromartie.startedAt()).isEqualTo(new PartialDate(2012, 7, null));
    assertThat(cromartie.completedAt()).hasToString("2012-10");
    assertThat(cromartie.startedAt().toLocalDate()).isNull();
    ImportedEntry geass = Fixtures.byTitle(rows, "Code Geass: Hangyaku no Lelouch R2");
    assertThat(geass.completedAt()).isEqualTo(new PartialDate(2011, null, null));

    ImportedEntry free = Fixtures.byTitle(rows, "Free!");
    assertThat(free.status()).isEqualTo(ImportStatus.WATCHING);
    assertThat(free.startedAt().toLocalDate()).isEqualTo(LocalDate.of(2013, 10, 1));
    assertThat(free.rating()).isNull(); // my_score 0 = unrated
    assertThat(free.tags()).containsExactly("yaoi as fuck");
  }

  @Test
  void plainOldHeaderExportCountsEveryAnimeElement() {
    List<ImportedEntry> rows =
        Fixtures.parse(ImportSource.MAL_XML, "mal-xml/evanalxen_animelist.xml");

    // <myinfo> claims 108 (63 completed); the file really holds 109 <anime> elements
    assertThat(rows).hasSize(109);
    assertThat(countByStatus(rows))
        .containsOnly(entry(ImportStatus.COMPLETED, 64L), entry(ImportStatus.DROPPED, 45L));
    assertThat(rows).allSatisfy(r -> assertThat(r.rating()).isNotNull());
    assertThat(rows.stream().mapToInt(r -> r.progress().episode()).sum()).isEqualTo(1008);
    ImportedEntry first = rows.get(0);
    assertThat(first.title()).isEqualTo("18if");
    assertThat(first.externalId(ExternalSource.MAL)).isEqualTo("35248");
    assertThat(first.status()).isEqualTo(ImportStatus.DROPPED);
    assertThat(first.progress().episode()).isEqualTo(1);
    assertThat(first.rating()).isEqualTo(20);
  }

  @Test
  void largeNewHeaderExportParsesAllEntries() {
    List<ImportedEntry> rows = Fixtures.parse(ImportSource.MAL_XML, "mal-xml/manya1_animelist.xml");

    // <myinfo>: 1077 total, 11 watching, 692 completed, 8 on hold, 0 dropped, 366 plan to watch
    assertThat(rows).hasSize(1077);
    assertThat(countByStatus(rows))
        .containsOnly(
            entry(ImportStatus.WATCHING, 11L),
            entry(ImportStatus.COMPLETED, 692L),
            entry(ImportStatus.PAUSED, 8L),
            entry(ImportStatus.PLANNING, 366L));
    assertThat(rows.stream().filter(r -> r.rating() != null)).hasSize(692);
    assertThat(rows.stream().mapToInt(r -> r.progress().episode()).sum()).isEqualTo(10313);

    ImportedEntry first = rows.get(0);
    assertThat(first.externalId(ExternalSource.MAL)).isEqualTo("41380");
    assertThat(first.title()).isEqualTo("100-man no Inochi no Ue ni Ore wa Tatteiru");
    assertThat(first.startedAt().toLocalDate()).isEqualTo(LocalDate.of(2020, 10, 6));
    assertThat(first.completedAt().toLocalDate()).isEqualTo(LocalDate.of(2020, 12, 18));
    assertThat(first.rating()).isEqualTo(70);
    assertThat(first.progress().episode()).isEqualTo(12);

    Map<String, ImportedEntry> byId =
        rows.stream()
            .collect(Collectors.toMap(r -> r.externalId(ExternalSource.MAL), Function.identity()));
    assertThat(byId).hasSize(1077);
    assertThat(byId.get("8841").repeatCount()).isEqualTo(2); // Kore wa Zombie Desu ka?
    assertThat(byId.get("10790").repeatCount()).isEqualTo(2);
    assertThat(rows.get(1076).title())
        .isEqualTo("Zutto Mae kara Suki deshita.: Kokuhaku Jikkou Iinkai - Kinyoubi no Ohayou");
    assertThat(rows.get(1076).status()).isEqualTo(ImportStatus.PLANNING);
  }

  /**
   * No MAL manga export is among the fixtures: this one is built from the documented element names
   * of MAL's manga export ({@code manga}, {@code manga_mangadb_id}, {@code my_read_chapters},
   * {@code my_read_volumes}, {@code my_times_read}, {@code Reading}, {@code Plan to Read}).
   */
  @Test
  void mangaExportBuiltFromTheDocumentedElementNames() {
    String xml =
        """
        <?xml version="1.0" encoding="UTF-8" ?>
        <myanimelist>
          <myinfo><user_id>1</user_id><user_export_type>2</user_export_type></myinfo>
          <manga>
            <manga_mangadb_id>2</manga_mangadb_id>
            <manga_title><![CDATA[Berserk]]></manga_title>
            <manga_volumes>0</manga_volumes>
            <manga_chapters>0</manga_chapters>
            <my_read_volumes>41</my_read_volumes>
            <my_read_chapters>372</my_read_chapters>
            <my_start_date>2015-03-01</my_start_date>
            <my_finish_date>0000-00-00</my_finish_date>
            <my_score>10</my_score>
            <my_status>Reading</my_status>
            <my_comments><![CDATA[Griffith <3]]></my_comments>
            <my_times_read>1</my_times_read>
            <my_tags><![CDATA[dark fantasy]]></my_tags>
            <update_on_import>0</update_on_import>
          </manga>
          <manga>
            <manga_mangadb_id>1</manga_mangadb_id>
            <manga_title><![CDATA[Monster]]></manga_title>
            <my_read_volumes>0</my_read_volumes>
            <my_read_chapters>0</my_read_chapters>
            <my_score>0</my_score>
            <my_status>Plan to Read</my_status>
            <my_times_read>0</my_times_read>
          </manga>
          <manga>
            <manga_mangadb_id>13</manga_mangadb_id>
            <manga_title>One Piece</manga_title>
            <my_read_chapters>100</my_read_chapters>
            <my_status>3</my_status>
          </manga>
        </myanimelist>
        """;
    List<ImportedEntry> rows = Fixtures.parseString(ImportSource.MAL_XML, xml);

    assertThat(rows).hasSize(3);
    ImportedEntry berserk = rows.get(0);
    assertThat(berserk.mediaType()).isEqualTo(MediaType.MANGA);
    assertThat(berserk.externalIds()).containsExactly(entry(ExternalSource.MAL, "2"));
    assertThat(berserk.status()).isEqualTo(ImportStatus.READING);
    assertThat(berserk.progress()).isEqualTo(new ImportedProgress(null, null, 372, 41, null));
    assertThat(berserk.rating()).isEqualTo(100);
    assertThat(berserk.repeatCount()).isEqualTo(1);
    assertThat(berserk.notes()).isEqualTo("Griffith <3");
    assertThat(berserk.startedAt().toLocalDate()).isEqualTo(LocalDate.of(2015, 3, 1));
    assertThat(berserk.tags()).containsExactly("dark fantasy");
    assertThat(rows.get(1).status()).isEqualTo(ImportStatus.PLANNING);
    assertThat(rows.get(1).rating()).isNull();
    assertThat(rows.get(2).status()).isEqualTo(ImportStatus.PAUSED); // numeric code 3
  }

  @Test
  void numericStatusCodesMapLikeTheirNames() {
    StringBuilder xml = new StringBuilder("<myanimelist>");
    for (String code : List.of("1", "2", "3", "4", "6", "5")) {
      xml.append("<anime><series_animedb_id>1")
          .append(code)
          .append("</series_animedb_id><my_status>")
          .append(code)
          .append("</my_status></anime>");
    }
    List<ImportedEntry> rows =
        Fixtures.parseString(ImportSource.MAL_XML, xml.append("</myanimelist>").toString());

    assertThat(rows.stream().map(ImportedEntry::status))
        .containsExactly(
            ImportStatus.WATCHING,
            ImportStatus.COMPLETED,
            ImportStatus.PAUSED,
            ImportStatus.DROPPED,
            ImportStatus.PLANNING,
            null);
    assertThat(rows.get(5).importable()).isFalse();
    assertThat(rows.get(5).problems())
        .singleElement()
        .satisfies(p -> assertThat(p.code()).isEqualTo("UNKNOWN_STATUS"));
  }

  @Test
  void rowsThatCannotBeUnderstoodAreReportedNotDropped() {
    String xml =
        """
        <myanimelist>
          <anime><series_title>No id</series_title><my_status>Completed</my_status></anime>
          <anime><series_animedb_id>abc</series_animedb_id><my_status>Completed</my_status></anime>
          <anime>
            <series_animedb_id>5</series_animedb_id>
            <my_status>Watching</my_status>
            <my_start_date>2013-02-30</my_start_date>
            <my_score>11</my_score>
            <my_watched_episodes>-3</my_watched_episodes>
          </anime>
        </myanimelist>
        """;
    List<ImportedEntry> rows = Fixtures.parseString(ImportSource.MAL_XML, xml);

    assertThat(rows).hasSize(3);
    assertThat(rows.get(0).importable()).isFalse();
    assertThat(rows.get(0).problems()).extracting(RowProblem::code).containsExactly("MISSING_ID");
    assertThat(rows.get(0).title()).isEqualTo("No id");
    assertThat(rows.get(1).problems()).extracting(RowProblem::code).containsExactly("INVALID_ID");
    ImportedEntry third = rows.get(2);
    assertThat(third.importable()).isTrue();
    assertThat(third.problems())
        .extracting(RowProblem::field, RowProblem::code)
        .containsExactlyInAnyOrder(
            org.assertj.core.groups.Tuple.tuple("my_start_date", "INVALID_DATE"),
            org.assertj.core.groups.Tuple.tuple("my_score", "RATING_OUT_OF_RANGE"),
            org.assertj.core.groups.Tuple.tuple("my_watched_episodes", "INVALID_NUMBER"));
    assertThat(third.startedAt()).isNull();
    assertThat(third.rating()).isNull();
    assertThat(third.progress().episode()).isNull();
  }
}
