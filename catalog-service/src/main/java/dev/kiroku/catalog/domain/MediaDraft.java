package dev.kiroku.catalog.domain;

import dev.kiroku.catalog.provider.ProviderMedia;
import dev.kiroku.contracts.catalog.MediaSnapshot;
import java.util.List;
import java.util.Objects;

/**
 * An item to insert or merge: what a provider or a dataset row says, before it has an id.
 *
 * @param media the incoming data; {@code id} and {@code slug} are ignored (kept from the stored
 *     item, or assigned); {@code externalIds} must hold at least one id, by which the stored item
 *     is found
 * @param episodes every episode (replaces the stored ones only when {@code detail} is {@link
 *     DetailLevel#COMPLETE}); empty otherwise
 * @param detail how much the incoming data knows
 */
public record MediaDraft(
    MediaSnapshot media, List<ProviderMedia.Episode> episodes, DetailLevel detail) {

  public MediaDraft {
    Objects.requireNonNull(media, "media");
    Objects.requireNonNull(media.type(), "media.type");
    Objects.requireNonNull(detail, "detail");
    episodes = episodes == null ? List.of() : List.copyOf(episodes);
    media = Snapshots.withCleanExternalIds(media);
    if (media.externalIds().isEmpty()) {
      throw new IllegalArgumentException("a media draft needs at least one external id");
    }
    if (media.titles() == null
        || media.titles().canonical() == null
        || media.titles().canonical().isBlank()) {
      throw new IllegalArgumentException("a media draft needs a canonical title");
    }
  }

  /** A provider's answer: {@link DetailLevel#COMPLETE} for a fetch, else a search summary. */
  public static MediaDraft of(ProviderMedia provided) {
    return new MediaDraft(
        provided.media(),
        provided.episodes(),
        provided.complete() ? DetailLevel.COMPLETE : DetailLevel.SUMMARY);
  }
}
