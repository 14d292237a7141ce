package dev.kiroku.social.domain;

/** What a handle leads to: a profile (with the viewer's relation to it) or a renamed handle. */
public sealed interface ProfileLookup {

  /** The profile that has the handle. */
  record Found(Profile profile, Relationship relation) implements ProfileLookup {}

  /** The handle was renamed less than 30 days ago; {@code handle} is the current one. */
  record Moved(String handle) implements ProfileLookup {}
}
