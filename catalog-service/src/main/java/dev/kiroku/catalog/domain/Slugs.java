package dev.kiroku.catalog.domain;

import java.text.Normalizer;
import java.util.Locale;

/** URL slugs: lower-case ASCII letters and digits separated by single dashes, at most 80 chars. */
public final class Slugs {

  private static final int MAX_LENGTH = 80;

  private Slugs() {}

  /**
   * The slug of a title, e.g. {@code "Kimi no Na wa."} → {@code "kimi-no-na-wa"}, {@code "Pokémon"}
   * → {@code "pokemon"}; empty when the title has no Latin letters or digits (e.g. {@code
   * "カウボーイビバップ"}).
   */
  public static String of(String title) {
    if (title == null) {
      return "";
    }
    String ascii =
        Normalizer.normalize(title, Normalizer.Form.NFKD)
            .replaceAll("\\p{M}+", "")
            .toLowerCase(Locale.ROOT)
            .replace("&", " and ")
            .replace("'", "")
            .replace("’", "");
    String slug = ascii.replaceAll("[^a-z0-9]+", "-").replaceAll("^-+|-+$", "");
    if (slug.length() > MAX_LENGTH) {
      slug = slug.substring(0, MAX_LENGTH).replaceAll("-+$", "");
    }
    return slug;
  }
}
