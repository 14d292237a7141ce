package dev.kiroku.progress.domain.imports.format;

/**
 * What one successful parse read.
 *
 * @param entries rows handed to the consumer (importable or not)
 * @param bytesRead bytes read from the upload (compressed size for a gzipped file)
 * @param decompressedBytes bytes of text parsed (equal to {@code bytesRead} for a plain file)
 * @param gzipped true when the upload was gzip-compressed
 */
public record ImportSummary(
    long entries, long bytesRead, long decompressedBytes, boolean gzipped) {}
