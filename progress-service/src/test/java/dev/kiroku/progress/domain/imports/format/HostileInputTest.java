package dev.kiroku.progress.domain.imports.format;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.kiroku.progress.domain.imports.format.ImportFileRejectedException.Reason;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;

/** Files made to hurt: every one must fail with its typed reason, after reading little. */
class HostileInputTest {

  private static final long MIB = 1024 * 1024;

  private static ImportFileRejectedException reject(
      ImportSource source, InputStream in, ImportLimits limits, List<ImportedEntry> rows) {
    return catchThrowableOfType(
        ImportFileRejectedException.class,
        () -> ImportFormats.of(source).parse(in, limits, ImportOptions.DEFAULTS, rows::add));
  }

  private static ImportFileRejectedException reject(ImportSource source, byte[] file) {
    return reject(source, new ByteArrayInputStream(file), ImportLimits.DEFAULTS, new ArrayList<>());
  }

  private static byte[] utf8(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  private static byte[] gzip(InputStream in) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
      in.transferTo(gz);
    }
    return out.toByteArray();
  }

  @Test
  void billionLaughsXmlBombIsRefusedBeforeAnyExpansion() {
    String bomb =
        """
        <?xml version="1.0"?>
        <!DOCTYPE myanimelist [
          <!ENTITY lol "lol">
          <!ENTITY lol1 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
          <!ENTITY lol2 "&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;">
          <!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
          <!ENTITY lol4 "&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;">
          <!ENTITY lol5 "&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;">
          <!ENTITY lol6 "&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;">
          <!ENTITY lol7 "&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;">
          <!ENTITY lol8 "&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;">
          <!ENTITY lol9 "&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;">
        ]>
        <myanimelist><anime><series_animedb_id>1</series_animedb_id>
        <my_comments>&lol9;</my_comments><my_status>Completed</my_status></anime></myanimelist>
        """;
    List<ImportedEntry> rows = new ArrayList<>();
    ImportFileRejectedException e =
        reject(
            ImportSource.MAL_XML,
            new ByteArrayInputStream(utf8(bomb)),
            ImportLimits.DEFAULTS,
            rows);

    assertThat(e.reason()).isEqualTo(Reason.DTD_NOT_ALLOWED);
    assertThat(rows).isEmpty();
  }

  @Test
  void externalEntityIsRefused() {
    String xxe =
        """
        <?xml version="1.0"?>
        <!DOCTYPE myanimelist [<!ENTITY secret SYSTEM "file:///etc/passwd">]>
        <myanimelist><anime><series_animedb_id>1</series_animedb_id>
        <my_comments>&secret;</my_comments><my_status>Completed</my_status></anime></myanimelist>
        """;
    assertThat(reject(ImportSource.MAL_XML, utf8(xxe)).reason()).isEqualTo(Reason.DTD_NOT_ALLOWED);
  }

  @Test
  void undeclaredEntityWithoutDtdIsMalformed() {
    String xml =
        "<myanimelist><anime><series_animedb_id>1</series_animedb_id>"
            + "<my_comments>&lol9;</my_comments></anime></myanimelist>";
    assertThat(reject(ImportSource.MAL_XML, utf8(xml)).reason()).isEqualTo(Reason.MALFORMED_FILE);
  }

  @Test
  void twoHundredMegabyteMalExportStopsAtTheByteLimit() {
    String entry =
        "<anime><series_animedb_id>1</series_animedb_id><my_status>Completed</my_status>"
            + "<my_comments><![CDATA["
            + "x".repeat(900)
            + "]]></my_comments></anime>\n";
    GeneratedInputStream file =
        new GeneratedInputStream("<?xml version=\"1.0\"?><myanimelist>\n", entry, 200 * MIB);
    List<ImportedEntry> rows = new ArrayList<>();

    ImportFileRejectedException e = reject(ImportSource.MAL_XML, file, ImportLimits.DEFAULTS, rows);

    assertThat(e.reason()).isEqualTo(Reason.FILE_TOO_LARGE);
    assertThat(file.consumed()).isLessThanOrEqualTo(ImportLimits.DEFAULTS.maxBytes() + 1);
    assertThat(rows).hasSizeLessThan(70_000).hasSizeGreaterThan(60_000);
  }

  @Test
  void overTheByteLimitInEveryFormat() {
    ImportLimits limits = ImportLimits.DEFAULTS.withMaxBytes(MIB);
    record Case(ImportSource source, String head, String body) {}
    List<Case> cases =
        List.of(
            new Case(
                ImportSource.ANILIST_JSON,
                "{\"data\":{\"anime\":{\"lists\":[{\"entries\":[",
                "{\"status\":\"COMPLETED\",\"score\":0,\"media\":{\"id\":1}},"),
            new Case(
                ImportSource.TRAKT_JSON,
                "[",
                "{\"rating\":8,\"type\":\"movie\",\"movie\":{\"ids\":{\"tmdb\":680}}},"),
            new Case(
                ImportSource.GOODREADS_CSV, "Book Id,Title,Exclusive Shelf\n", "1,A title,read\n"));
    for (Case c : cases) {
      GeneratedInputStream file = new GeneratedInputStream(c.head(), c.body(), 200 * MIB);
      ImportFileRejectedException e = reject(c.source(), file, limits, new ArrayList<>());
      assertThat(e).as(c.source().key()).isNotNull();
      assertThat(e.reason()).as(c.source().key()).isEqualTo(Reason.FILE_TOO_LARGE);
      assertThat(file.consumed()).as(c.source().key()).isLessThanOrEqualTo(MIB + 1);
    }
  }

  @Test
  void gzipBombStopsAtTheByteLimitOnceDecompressed() throws IOException {
    // 64 MiB of tiny unknown elements compress to well under 1 MiB
    byte[] bomb = gzip(new GeneratedInputStream("<myanimelist>", "<x/>".repeat(1024), 64 * MIB));
    assertThat((long) bomb.length).isLessThan(MIB);
    ImportLimits limits = ImportLimits.DEFAULTS.withMaxBytes(MIB);

    ImportFileRejectedException e =
        reject(ImportSource.MAL_XML, new ByteArrayInputStream(bomb), limits, new ArrayList<>());

    assertThat(e.reason()).isEqualTo(Reason.FILE_TOO_LARGE);
    assertThat(e.getMessage()).contains("decompressed");
  }

  @Test
  void csvWithATenMegabyteLineFailsEarly() {
    // one quoted 10 MB field: the 100,000-character field limit fires first
    GeneratedInputStream file =
        new GeneratedInputStream("Book Id,Title,Exclusive Shelf\n1,\"", "abcdefghij", 10 * MIB);
    ImportFileRejectedException e =
        reject(ImportSource.GOODREADS_CSV, file, ImportLimits.DEFAULTS, new ArrayList<>());

    assertThat(e.reason()).isEqualTo(Reason.FIELD_TOO_LONG);
    assertThat(file.consumed()).isLessThan(2 * MIB);
  }

  @Test
  void csvLineOverTheLineLimitIsRefusedWhileReading() {
    ImportLimits limits = ImportLimits.DEFAULTS.withMaxLineLength(64 * 1024);
    GeneratedInputStream file =
        new GeneratedInputStream("Book Id,Title,Exclusive Shelf\n1,\"", "abcdefghij", 10 * MIB);
    ImportFileRejectedException e =
        reject(ImportSource.GOODREADS_CSV, file, limits, new ArrayList<>());

    assertThat(e.reason()).isEqualTo(Reason.LINE_TOO_LONG);
    assertThat(e.getMessage()).contains("line 2");
    assertThat(file.consumed()).isLessThan(MIB);
  }

  @Test
  void csvLineWithMoreFieldsThanTheHeaderIsMalformed() {
    GeneratedInputStream file =
        new GeneratedInputStream("Book Id,Title,Exclusive Shelf\n", "1,", 10 * MIB);
    ImportFileRejectedException e =
        reject(ImportSource.GOODREADS_CSV, file, ImportLimits.DEFAULTS, new ArrayList<>());

    assertThat(e.reason()).isEqualTo(Reason.MALFORMED_FILE);
    assertThat(file.consumed()).isLessThan(MIB);
  }

  @Test
  void tenMegabyteXmlFieldIsRefusedAtTheFieldLimit() {
    GeneratedInputStream file =
        new GeneratedInputStream(
            "<myanimelist><anime><series_animedb_id>1</series_animedb_id><my_comments>",
            "lorem ipsum ",
            10 * MIB);
    ImportFileRejectedException e =
        reject(ImportSource.MAL_XML, file, ImportLimits.DEFAULTS, new ArrayList<>());

    assertThat(e.reason()).isEqualTo(Reason.FIELD_TOO_LONG);
    assertThat(e.getMessage()).contains("my_comments");
    assertThat(file.consumed()).isLessThan(2 * MIB);
  }

  @Test
  void tenMegabyteAttributeValueOrWhitespaceRunIsRefusedEarly() {
    for (String[] c :
        new String[][] {
          {"<myanimelist><anime><series_animedb_id note=\"", "abcdefghij"},
          {"<myanimelist>", "          "},
          {"<myanimelist><!-- ", "comment   "}
        }) {
      GeneratedInputStream file = new GeneratedInputStream(c[0], c[1], 10 * MIB);
      ImportFileRejectedException e =
          reject(ImportSource.MAL_XML, file, ImportLimits.DEFAULTS, new ArrayList<>());
      assertThat(e).as(c[0]).isNotNull();
      assertThat(e.reason()).as(c[0]).isEqualTo(Reason.FIELD_TOO_LONG);
      assertThat(file.consumed()).as(c[0]).isLessThan(MIB);
    }
  }

  @Test
  void tenMegabyteJsonStringIsRefusedAtTheFieldLimit() {
    GeneratedInputStream file =
        new GeneratedInputStream(
            "{\"data\":{\"anime\":{\"lists\":[{\"entries\":[{\"notes\":\"",
            "lorem ipsum ",
            10 * MIB);
    ImportFileRejectedException e =
        reject(ImportSource.ANILIST_JSON, file, ImportLimits.DEFAULTS, new ArrayList<>());

    assertThat(e.reason()).isEqualTo(Reason.FIELD_TOO_LONG);
    assertThat(file.consumed()).isLessThan(2 * MIB);
  }

  @Test
  void tooManyEntriesStopsAtTheLimitInEveryFormat() throws IOException {
    record Case(ImportSource source, String fixture) {}
    for (Case c :
        List.of(
            new Case(ImportSource.MAL_XML, "mal-xml/nuck_animelist.xml.gz"),
            new Case(ImportSource.ANILIST_JSON, "anilist/toyhammered_full_list.json"),
            new Case(ImportSource.TRAKT_JSON, "trakt/yamtrack_trakt_sync_ratings.json"),
            new Case(
                ImportSource.GOODREADS_CSV,
                "goodreads/aaronj1335_goodreads_library_export_2026.csv"))) {
      int limit = c.source() == ImportSource.TRAKT_JSON ? 0 : 10;
      if (limit == 0) {
        continue; // the Trakt fixtures have a single item: covered below with a generated file
      }
      List<ImportedEntry> rows = new ArrayList<>();
      try (InputStream in = Files.newInputStream(Fixtures.path(c.fixture()))) {
        ImportFileRejectedException e =
            reject(c.source(), in, ImportLimits.DEFAULTS.withMaxEntries(limit), rows);
        assertThat(e).as(c.fixture()).isNotNull();
        assertThat(e.reason()).as(c.fixture()).isEqualTo(Reason.TOO_MANY_ENTRIES);
      }
      assertThat(rows).as(c.fixture()).hasSize(limit);
    }
    GeneratedInputStream trakt =
        new GeneratedInputStream(
            "[",
            "{\"rating\":8,\"type\":\"movie\",\"movie\":{\"ids\":{\"tmdb\":680}}},",
            200 * MIB);
    List<ImportedEntry> rows = new ArrayList<>();
    ImportFileRejectedException e =
        reject(ImportSource.TRAKT_JSON, trakt, ImportLimits.DEFAULTS.withMaxEntries(1000), rows);
    assertThat(e.reason()).isEqualTo(Reason.TOO_MANY_ENTRIES);
    assertThat(rows).hasSize(1000);
    assertThat(trakt.consumed()).isLessThan(MIB);
  }

  @Test
  void truncatedGzipIsMalformed() throws IOException {
    byte[] whole = Files.readAllBytes(Fixtures.path("mal-xml/nuck_animelist.xml.gz"));
    byte[] half = Arrays.copyOf(whole, whole.length / 2);
    List<ImportedEntry> rows = new ArrayList<>();

    ImportFileRejectedException e =
        reject(ImportSource.MAL_XML, new ByteArrayInputStream(half), ImportLimits.DEFAULTS, rows);

    assertThat(e.reason()).isEqualTo(Reason.MALFORMED_FILE);
    assertThat(rows.size()).isLessThan(109);
  }

  @Test
  void corruptGzipIsMalformed() throws IOException {
    byte[] file = Files.readAllBytes(Fixtures.path("mal-xml/nuck_animelist.xml.gz"));
    for (int i = 200; i < 400; i++) {
      file[i] = (byte) ~file[i];
    }
    assertThat(reject(ImportSource.MAL_XML, file).reason()).isEqualTo(Reason.MALFORMED_FILE);
  }

  @Test
  void truncatedXmlAndJsonAreMalformed() {
    String xml = Fixtures.text("mal-xml/evanalxen_animelist.xml");
    assertThat(reject(ImportSource.MAL_XML, utf8(xml.substring(0, xml.length() / 2))).reason())
        .isEqualTo(Reason.MALFORMED_FILE);
    String json = Fixtures.text("anilist/toyhammered_full_list.json");
    assertThat(
            reject(ImportSource.ANILIST_JSON, utf8(json.substring(0, json.length() / 2))).reason())
        .isEqualTo(Reason.MALFORMED_FILE);
    String trakt = Fixtures.text("trakt/yamtrack_trakt_sync_watched.json");
    assertThat(reject(ImportSource.TRAKT_JSON, utf8(trakt.substring(0, 300))).reason())
        .isEqualTo(Reason.MALFORMED_FILE);
  }

  @Test
  void wrongFormatIsRefusedWithATypedReason() {
    byte[] csv = utf8(Fixtures.text("goodreads/yamtrack_import_goodreads.csv"));
    byte[] anilist = utf8(Fixtures.text("anilist/toyhammered_full_list.json"));
    byte[] trakt = utf8(Fixtures.text("trakt/yamtrack_trakt_sync_watched.json"));
    byte[] mal = utf8(Fixtures.text("mal-xml/evanalxen_animelist.xml"));
    String rss = Fixtures.text("goodreads/mediatracker_goodreads_rss.xml");

    assertThat(reject(ImportSource.MAL_XML, csv).reason()).isEqualTo(Reason.MALFORMED_FILE);
    // the real RSS export starts with a blank line before <?xml ...?>: not well-formed as it is
    assertThat(reject(ImportSource.MAL_XML, utf8(rss)).reason()).isEqualTo(Reason.MALFORMED_FILE);
    ImportFileRejectedException notMal = reject(ImportSource.MAL_XML, utf8(rss.strip()));
    assertThat(notMal.reason()).isEqualTo(Reason.UNSUPPORTED_FORMAT);
    assertThat(notMal.getMessage()).contains("<rss>");
    assertThat(reject(ImportSource.TRAKT_JSON, anilist).reason())
        .isEqualTo(Reason.UNSUPPORTED_FORMAT);
    assertThat(reject(ImportSource.ANILIST_JSON, trakt).reason())
        .isEqualTo(Reason.UNSUPPORTED_FORMAT);
    assertThat(reject(ImportSource.ANILIST_JSON, mal).reason()).isEqualTo(Reason.MALFORMED_FILE);
    assertThat(reject(ImportSource.GOODREADS_CSV, mal).reason())
        .isEqualTo(Reason.UNSUPPORTED_FORMAT);
    for (ImportSource source : ImportSource.values()) {
      assertThat(reject(source, new byte[0]))
          .hasMessage("the file is empty")
          .extracting(ImportFileRejectedException::reason)
          .isEqualTo(Reason.MALFORMED_FILE);
    }
    assertThat(reject(ImportSource.TRAKT_JSON, utf8("[{\"foo\": 1}]")).reason())
        .isEqualTo(Reason.UNSUPPORTED_FORMAT);
    assertThatThrownBy(() -> ImportFormats.forKey("letterboxd-csv"))
        .isInstanceOfSatisfying(
            ImportFileRejectedException.class,
            e -> assertThat(e.reason()).isEqualTo(Reason.UNSUPPORTED_FORMAT));
    assertThat(ImportFormats.forKey("MAL-XML").source()).isEqualTo(ImportSource.MAL_XML);
  }
}
