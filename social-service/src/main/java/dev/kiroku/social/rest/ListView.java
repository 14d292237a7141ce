package dev.kiroku.social.rest;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.kiroku.social.domain.ListContents;
import dev.kiroku.social.domain.Page;
import dev.kiroku.social.domain.UserList;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * A user list. In collections without {@code items}; a single list carries one page of them.
 *
 * @param id list id
 * @param name 1-100 characters
 * @param description at most 2,000 characters; absent when none
 * @param visibility {@code PUBLIC}, {@code FOLLOWERS} or {@code PRIVATE}
 * @param itemCount items in the list (at most 10,000)
 * @param createdAt when it was created
 * @param updatedAt last change of the list or its items
 * @param items a page of items in list order; absent in collections
 * @param nextCursor pass as {@code cursor} for the next page of items; absent on the last page
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ListView(
    UUID id,
    String name,
    String description,
    String visibility,
    int itemCount,
    Instant createdAt,
    Instant updatedAt,
    List<ListItemView> items,
    String nextCursor) {

  static ListView of(UserList l) {
    return new ListView(
        l.id(),
        l.name(),
        l.description(),
        l.visibility().name(),
        l.itemCount(),
        l.createdAt(),
        l.updatedAt(),
        null,
        null);
  }

  static ListView of(ListContents c) {
    UserList l = c.list();
    return new ListView(
        l.id(),
        l.name(),
        l.description(),
        l.visibility().name(),
        l.itemCount(),
        l.createdAt(),
        l.updatedAt(),
        c.items().items().stream().map(ListItemView::of).toList(),
        c.items().nextCursor());
  }

  /**
   * A page of lists.
   *
   * @param lists newest first, without items
   * @param nextCursor pass as {@code cursor} for the next page; absent on the last page
   */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record Lists(List<ListView> lists, String nextCursor) {

    static Lists of(Page<UserList> page) {
      return new Lists(page.items().stream().map(ListView::of).toList(), page.nextCursor());
    }
  }
}
