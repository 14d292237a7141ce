package dev.kiroku.social.domain;

import dev.kiroku.contracts.catalog.MediaType;
import java.util.List;
import java.util.Map;

/**
 * A profile found by handle as a visitor's read loads it: the profile, how the visitor stands to
 * it, and its favorites by media type (types without any absent), each in order. Whether the
 * visitor may see the details and favorites is {@link ProfileAccess}'s call.
 */
public record ShownProfile(
    Profile profile, Relationship relation, Map<MediaType, List<MediaItem>> favorites) {}
