package dev.kiroku.search.index;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.kiroku.contracts.catalog.MediaSnapshot;
import dev.kiroku.search.service.SearchItem;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.NumericDocValuesField;
import org.apache.lucene.document.SortedDocValuesField;
import org.apache.lucene.document.StoredField;
import org.apache.lucene.document.StringField;
import org.apache.lucene.document.TextField;
import org.apache.lucene.facet.FacetsConfig;
import org.apache.lucene.facet.sortedset.SortedSetDocValuesFacetField;
import org.apache.lucene.util.BytesRef;

/**
 * Turns a {@link MediaSnapshot} into the Lucene document of the media index (fields in {@link
 * MediaFields}).
 */
public final class MediaDocuments {

  private static final FacetsConfig FACETS = newFacetsConfig();

  private final ObjectMapper json;

  /**
   * @param json mapper that writes {@link SearchItem} (java.time support needed)
   */
  public MediaDocuments(ObjectMapper json) {
    this.json = json;
  }

  /** The facet configuration shared by indexing and searching (genre is multi-valued). */
  public static FacetsConfig facetsConfig() {
    return FACETS;
  }

  private static FacetsConfig newFacetsConfig() {
    FacetsConfig config = new FacetsConfig();
    config.setMultiValued(MediaFields.DIM_GENRE, true);
    return config;
  }

  /**
   * The document for one media item.
   *
   * @throws IllegalArgumentException when the snapshot has no id, type or canonical title
   */
  public Document toDocument(MediaSnapshot media) {
    if (media.id() == null || media.type() == null || media.titles() == null) {
      throw new IllegalArgumentException("media snapshot without id, type or titles");
    }
    MediaSnapshot.Titles titles = media.titles();
    if (titles.canonical() == null || titles.canonical().isBlank()) {
      throw new IllegalArgumentException("media snapshot " + media.id() + " without a title");
    }
    Document doc = new Document();
    doc.add(new StringField(MediaFields.ID, media.id().toString(), Field.Store.YES));

    Set<String> primary = new LinkedHashSet<>();
    addIfPresent(primary, titles.canonical());
    addIfPresent(primary, titles.english());
    addIfPresent(primary, titles.romanized());
    addIfPresent(primary, titles.nativeTitle());
    Set<String> aliases = new LinkedHashSet<>();
    if (titles.synonyms() != null) {
      titles.synonyms().forEach(s -> addIfPresent(aliases, s));
    }
    aliases.removeAll(primary);
    for (String title : primary) {
      doc.add(new TextField(MediaFields.TITLE, title, Field.Store.NO));
    }
    for (String alias : aliases) {
      doc.add(new TextField(MediaFields.ALIAS, alias, Field.Store.NO));
    }
    Set<String> exact = new LinkedHashSet<>();
    List<String> all = new ArrayList<>(primary);
    all.addAll(aliases);
    for (String title : all) {
      doc.add(new TextField(MediaFields.TITLE_PREFIX, title, Field.Store.NO));
      doc.add(new TextField(MediaFields.TITLE_JOINED, title, Field.Store.NO));
      String normalized = SearchAnalyzers.normalize(title);
      if (!normalized.isEmpty() && exact.add(normalized)) {
        doc.add(new StringField(MediaFields.TITLE_EXACT, normalized, Field.Store.NO));
      }
    }
    for (List<String> credits :
        List.of(
            nonNull(media.studios()),
            nonNull(media.companies()),
            nonNull(media.authors()),
            nonNull(media.platforms()))) {
      for (String credit : credits) {
        if (credit != null && !credit.isBlank()) {
          doc.add(new TextField(MediaFields.CREDITS, credit, Field.Store.NO));
        }
      }
    }

    String type = media.type().name();
    doc.add(new StringField(MediaFields.F_TYPE, key(type), Field.Store.NO));
    doc.add(new SortedSetDocValuesFacetField(MediaFields.DIM_TYPE, type));
    Set<String> genres = new LinkedHashSet<>();
    for (String genre : nonNull(media.genres())) {
      if (genre != null && !genre.isBlank() && genres.add(genre.strip())) {
        doc.add(new StringField(MediaFields.F_GENRE, key(genre), Field.Store.NO));
        doc.add(new SortedSetDocValuesFacetField(MediaFields.DIM_GENRE, genre.strip()));
      }
    }
    for (String platform : nonNull(media.platforms())) {
      if (platform != null && !platform.isBlank()) {
        doc.add(new StringField(MediaFields.F_PLATFORM, key(platform), Field.Store.NO));
      }
    }
    Integer year = media.startDate() == null ? null : media.startDate().getYear();
    if (year != null) {
      doc.add(new StringField(MediaFields.F_YEAR, year.toString(), Field.Store.NO));
      doc.add(new SortedSetDocValuesFacetField(MediaFields.DIM_YEAR, year.toString()));
      doc.add(
          new StringField(
              MediaFields.F_SEASON, season(media.startDate().getMonthValue()), Field.Store.NO));
    }
    doc.add(new NumericDocValuesField(MediaFields.YEAR, year == null ? 0 : year));
    if (media.format() != null && !media.format().isBlank()) {
      doc.add(new StringField(MediaFields.F_FORMAT, key(media.format()), Field.Store.NO));
      doc.add(new SortedSetDocValuesFacetField(MediaFields.DIM_FORMAT, media.format().strip()));
    }
    if (media.status() != null) {
      doc.add(new StringField(MediaFields.F_STATUS, key(media.status().name()), Field.Store.NO));
      doc.add(new SortedSetDocValuesFacetField(MediaFields.DIM_STATUS, media.status().name()));
    }
    doc.add(new NumericDocValuesField(MediaFields.POPULARITY, clamp(media.popularity())));
    doc.add(new NumericDocValuesField(MediaFields.AVERAGE_SCORE, clamp(media.averageScore())));
    doc.add(
        new SortedDocValuesField(
            MediaFields.SORT_TITLE, new BytesRef(SearchAnalyzers.normalize(titles.canonical()))));
    try {
      doc.add(new StoredField(MediaFields.ITEM, json.writeValueAsBytes(SearchItem.of(media))));
      return FACETS.build(doc);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("media snapshot " + media.id() + " not writable", e);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Lower-case key of a filter value, the form both indexing and filtering use. */
  public static String key(String value) {
    return value.strip().toLowerCase(Locale.ROOT);
  }

  /** The anime season of a start month: {@code winter} (1-3), spring, summer, {@code fall}. */
  static String season(int month) {
    return switch ((month - 1) / 3) {
      case 0 -> "winter";
      case 1 -> "spring";
      case 2 -> "summer";
      default -> "fall";
    };
  }

  private static int clamp(Integer value) {
    return value == null ? 0 : Math.max(0, Math.min(100, value));
  }

  private static void addIfPresent(Set<String> set, String value) {
    if (value != null && !value.isBlank()) {
      set.add(value.strip());
    }
  }

  private static <T> List<T> nonNull(List<T> list) {
    return list == null ? List.of() : list;
  }
}
