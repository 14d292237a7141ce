package dev.kiroku.catalog;

/** Response header names the tests check. */
final class CatalogResourceHeaders {
  static final String STALE = dev.kiroku.catalog.rest.CatalogResource.STALE_HEADER;

  private CatalogResourceHeaders() {}
}
