package dev.kiroku.search.index;

/** Field names of the media index (one document per media item). */
public final class MediaFields {

  /** Canonical media id (UUID string), stored; the document key. */
  public static final String ID = "id";

  /** Canonical, English, native and romanized titles ({@link SearchAnalyzers#text()}). */
  public static final String TITLE = "title";

  /** Synonyms ({@link SearchAnalyzers#text()}). */
  public static final String ALIAS = "alias";

  /** Every title and synonym, edge n-grams ({@link SearchAnalyzers#prefix()}). */
  public static final String TITLE_PREFIX = "title_prefix";

  /** Every title and synonym, adjacent tokens glued ({@link SearchAnalyzers#joined()}). */
  public static final String TITLE_JOINED = "title_joined";

  /** Every title and synonym, {@link SearchAnalyzers#normalize normalized} whole (keyword). */
  public static final String TITLE_EXACT = "title_exact";

  /** Studios, companies, authors, platforms ({@link SearchAnalyzers#text()}). */
  public static final String CREDITS = "credits";

  /** Keyword filter fields (lower case values). */
  public static final String F_TYPE = "f_type";

  public static final String F_GENRE = "f_genre";
  public static final String F_YEAR = "f_year";
  public static final String F_FORMAT = "f_format";
  public static final String F_STATUS = "f_status";
  public static final String F_SEASON = "f_season";
  public static final String F_PLATFORM = "f_platform";

  /** Numeric doc values: 0-100 popularity, 0-100 average score, release year (0 = unknown). */
  public static final String POPULARITY = "popularity";

  public static final String AVERAGE_SCORE = "average_score";
  public static final String YEAR = "year";

  /** Sorted doc value: the canonical title, normalized, for sorting by title. */
  public static final String SORT_TITLE = "sort_title";

  /** Stored JSON of the {@code SearchItem} returned for a hit. */
  public static final String ITEM = "item";

  /** Facet dimensions (sorted-set doc values facets). */
  public static final String DIM_TYPE = "type";

  public static final String DIM_GENRE = "genre";
  public static final String DIM_YEAR = "year";
  public static final String DIM_FORMAT = "format";
  public static final String DIM_STATUS = "status";

  private MediaFields() {}
}
