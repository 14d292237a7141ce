package dev.kiroku.progress.domain.imports.format;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;

/** What every format promises: summaries, gzip by content, BOM, and the consumer's control. */
class ImportFormatContractTest {

  @Test
  void summaryCountsRowsAndCompressedAndDecompressedBytes() throws IOException {
    byte[] gz = Files.readAllBytes(Fixtures.path("mal-xml/nuck_animelist.xml.gz"));
    long plain;
    try (InputStream in = new GZIPInputStream(new ByteArrayInputStream(gz))) {
      plain = in.readAllBytes().length;
    }
    List<ImportedEntry> rows = new ArrayList<>();

    ImportSummary summary =
        ImportFormats.of(ImportSource.MAL_XML)
            .parse(new ByteArrayInputStream(gz), ImportLimits.DEFAULTS, rows::add);

    assertThat(summary).isEqualTo(new ImportSummary(109, gz.length, plain, true));
    assertThat(rows).hasSize(109);
  }

  @Test
  void gzipIsDetectedByContentForEveryFormatAndAByteOrderMarkIsSkipped() throws IOException {
    for (String[] c :
        new String[][] {
          {"ANILIST_JSON", "anilist/toyhammered_full_list.json", "12"},
          {"TRAKT_JSON", "trakt/yamtrack_trakt_sync_watched.json", "1"},
          {"GOODREADS_CSV", "goodreads/aaronj1335_goodreads_library_export_2026.csv", "112"},
          {"MAL_XML", "mal-xml/evanalxen_animelist.xml", "109"}
        }) {
      ImportSource source = ImportSource.valueOf(c[0]);
      byte[] file = Files.readAllBytes(Fixtures.path(c[1]));
      ByteArrayOutputStream withBom = new ByteArrayOutputStream();
      withBom.write(new byte[] {(byte) 0xef, (byte) 0xbb, (byte) 0xbf});
      withBom.write(file);
      ByteArrayOutputStream gz = new ByteArrayOutputStream();
      try (GZIPOutputStream out = new GZIPOutputStream(gz)) {
        out.write(withBom.toByteArray());
      }
      List<ImportedEntry> rows = new ArrayList<>();
      ImportSummary summary =
          ImportFormats.of(source)
              .parse(new ByteArrayInputStream(gz.toByteArray()), ImportLimits.DEFAULTS, rows::add);
      assertThat(summary.gzipped()).as(c[1]).isTrue();
      assertThat(rows).as(c[1]).hasSize(Integer.parseInt(c[2]));
      assertThat(rows.get(0).source()).isEqualTo(source);
    }
  }

  @Test
  void anExceptionFromTheConsumerStopsParsingAndPropagatesUnchanged() throws IOException {
    IllegalStateException stop = new IllegalStateException("database is down");
    List<ImportedEntry> rows = new ArrayList<>();
    try (InputStream in = Files.newInputStream(Fixtures.path("mal-xml/manya1_animelist.xml"))) {
      assertThatThrownBy(
              () ->
                  ImportFormats.of(ImportSource.MAL_XML)
                      .parse(
                          in,
                          ImportLimits.DEFAULTS,
                          row -> {
                            if (rows.size() == 5) {
                              throw stop;
                            }
                            rows.add(row);
                          }))
          .isSameAs(stop);
    }
    assertThat(rows).hasSize(5);
  }

  @Test
  void aFailingUploadIsAnIoExceptionNotARejection() {
    java.util.Map<ImportSource, String> validStarts =
        java.util.Map.of(
            ImportSource.MAL_XML, "<myanimelist><anime>",
            ImportSource.ANILIST_JSON, "{\"data\": {\"anime\": {\"lists\": [{\"entries\": [",
            ImportSource.TRAKT_JSON, "[",
            ImportSource.GOODREADS_CSV, "Book Id,Title,Exclusive Shelf\n1,");
    validStarts.forEach(
        (source, start) -> {
          InputStream failing =
              new java.io.SequenceInputStream(
                  new ByteArrayInputStream(start.getBytes(java.nio.charset.StandardCharsets.UTF_8)),
                  new InputStream() {
                    @Override
                    public int read() throws IOException {
                      throw new IOException("connection reset");
                    }
                  });
          assertThatThrownBy(
                  () -> ImportFormats.of(source).parse(failing, ImportLimits.DEFAULTS, row -> {}))
              .as(source.key())
              .isInstanceOf(IOException.class)
              .hasMessageContaining("connection reset");
        });
  }

  @Test
  void formatKeysAndLimitsValidation() {
    assertThat(ImportSource.fromKey("anilist-json")).contains(ImportSource.ANILIST_JSON);
    assertThat(ImportSource.fromKey("csv")).isEmpty();
    for (ImportSource source : ImportSource.values()) {
      assertThat(ImportFormats.forKey(source.key()).source()).isEqualTo(source);
    }
    assertThatThrownBy(() -> new ImportLimits(0, 1, 1, 1))
        .isInstanceOf(IllegalArgumentException.class);
    assertThat(ImportLimits.DEFAULTS.maxBytes()).isEqualTo(64L * 1024 * 1024);
  }
}
