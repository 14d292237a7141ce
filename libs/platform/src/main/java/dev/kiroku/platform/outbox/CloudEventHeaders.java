package dev.kiroku.platform.outbox;

/**
 * Kafka header names of the CloudEvents 1.0 Kafka protocol binding, binary content mode, as the
 * {@link OutboxRelay} writes them. Header values are UTF-8 strings. Consumers read {@link #ID} to
 * de-duplicate ({@code dev.kiroku.platform.inbox.Inbox}).
 */
public final class CloudEventHeaders {

  /** Always {@value #SPEC_VERSION_1_0}. */
  public static final String SPEC_VERSION = "ce_specversion";

  /** The value of {@link #SPEC_VERSION}. */
  public static final String SPEC_VERSION_1_0 = "1.0";

  /** The event's unique id (a UUID). */
  public static final String ID = "ce_id";

  /** E.g. {@code kiroku.progress.entry-updated.v1}. */
  public static final String TYPE = "ce_type";

  /** E.g. {@code /progress-service}. */
  public static final String SOURCE = "ce_source";

  /** When the change happened, RFC 3339 in UTC, e.g. {@code 2026-01-31T12:00:00.123456Z}. */
  public static final String TIME = "ce_time";

  /** Optional: what the event is about within the source, e.g. a library entry id. */
  public static final String SUBJECT = "ce_subject";

  /** The payload's media type (CloudEvents {@code datacontenttype}). */
  public static final String CONTENT_TYPE = "content-type";

  /** The value of {@link #CONTENT_TYPE}: payloads are JSON. */
  public static final String APPLICATION_JSON = "application/json";

  private CloudEventHeaders() {}
}
