package dev.kiroku.search.service;

import dev.kiroku.contracts.catalog.MediaType;
import java.util.UUID;

/**
 * One autocomplete completion.
 *
 * @param id canonical media id
 * @param type media type
 * @param title canonical title to show and complete to
 * @param year start year, null when unknown
 */
public record Suggestion(UUID id, MediaType type, String title, Integer year) {}
