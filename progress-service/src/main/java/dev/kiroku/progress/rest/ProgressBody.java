package dev.kiroku.progress.rest;

import java.math.BigDecimal;

/**
 * Progress as sent by clients: the fields that fit the media type ({@code season} and {@code
 * episode} for TV, {@code episode} for anime and podcasts, {@code chapter} and {@code volume} for
 * manga, {@code page} and {@code percent} for books, {@code hoursPlayed} and {@code percent} for
 * games). Whole numbers for units (a fraction is a 400 naming the field); limits: season 0-500,
 * episode and chapter 0-20,000, volume 0-1,000, page 0-100,000, percent 0-100 (2 decimals), hours
 * 0-100,000 (1 decimal).
 */
public record ProgressBody(
    Integer season,
    Integer episode,
    Integer chapter,
    Integer volume,
    Integer page,
    BigDecimal percent,
    BigDecimal hoursPlayed) {}
