package dev.kiroku.social.domain;

import dev.kiroku.contracts.catalog.MediaType;
import java.util.UUID;

/**
 * A media item as lists and favorites show it, from social-service's projection of {@code
 * catalog.media.v1}.
 *
 * @param id canonical media id
 * @param type media type
 * @param title display title ({@code MediaSnapshot.titles.canonical})
 * @param imageUrl poster or cover URL ({@code MediaSnapshot.images.poster}); null when none
 * @param removed the catalog removed the item ({@code MediaRemoved}); the title is the last known
 */
public record MediaItem(UUID id, MediaType type, String title, String imageUrl, boolean removed) {}
