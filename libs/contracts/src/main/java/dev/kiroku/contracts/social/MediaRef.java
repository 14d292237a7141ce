package dev.kiroku.contracts.social;

import dev.kiroku.contracts.catalog.MediaType;
import java.util.UUID;

/**
 * A media item as social events show it, from social-service's projection of {@code
 * catalog.media.v1} at the time of the event.
 *
 * @param id canonical media id
 * @param type media type
 * @param title display title ({@code MediaSnapshot.titles.canonical})
 * @param imageUrl cover or poster URL; null when the catalog has none
 */
public record MediaRef(UUID id, MediaType type, String title, String imageUrl) {}
