package dev.kiroku.contracts.catalog;

/** CloudEvents {@code type} and {@code source} values of {@code catalog.media.v1}. */
public final class CatalogEvents {

  /** A media item was inserted or changed; payload {@link MediaSnapshot}. */
  public static final String MEDIA_UPSERTED = "kiroku.catalog.media-upserted.v1";

  /** A media item was removed; payload {@link MediaRemoved}. */
  public static final String MEDIA_REMOVED = "kiroku.catalog.media-removed.v1";

  /** The CloudEvents {@code source} of catalog events. */
  public static final String SOURCE = "/catalog-service";

  private CatalogEvents() {}
}
