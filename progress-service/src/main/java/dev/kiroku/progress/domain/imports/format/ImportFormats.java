package dev.kiroku.progress.domain.imports.format;

import dev.kiroku.progress.domain.imports.format.ImportFileRejectedException.Reason;
import java.util.EnumMap;
import java.util.Map;

/** The parser for each {@link ImportSource}. */
public final class ImportFormats {

  private static final Map<ImportSource, ImportFormat> FORMATS = new EnumMap<>(ImportSource.class);

  static {
    FORMATS.put(ImportSource.MAL_XML, new MalXmlFormat());
    FORMATS.put(ImportSource.ANILIST_JSON, new AniListJsonFormat());
    FORMATS.put(ImportSource.TRAKT_JSON, new TraktJsonFormat());
    FORMATS.put(ImportSource.GOODREADS_CSV, new GoodreadsCsvFormat());
    FORMATS.put(ImportSource.KIROKU_JSON, new KirokuJsonFormat());
  }

  private ImportFormats() {}

  /** The parser for a source. */
  public static ImportFormat of(ImportSource source) {
    return FORMATS.get(source);
  }

  /**
   * The parser for a format key ({@code mal-xml}, {@code anilist-json}, {@code trakt-json}, {@code
   * goodreads-csv}, {@code kiroku-json}).
   *
   * @throws ImportFileRejectedException {@link Reason#UNSUPPORTED_FORMAT} for any other key
   */
  public static ImportFormat forKey(String key) {
    return ImportSource.fromKey(key)
        .map(ImportFormats::of)
        .orElseThrow(
            () ->
                new ImportFileRejectedException(
                    Reason.UNSUPPORTED_FORMAT,
                    "unknown import format "
                        + RowProblem.quote(key)
                        + "; expected mal-xml, anilist-json, trakt-json, goodreads-csv or kiroku-json"));
  }
}
