package dev.kiroku.social.domain;

/** Who may see a profile's details (or a list): everyone, accepted followers, or only its owner. */
public enum Visibility {
  PUBLIC,
  FOLLOWERS,
  PRIVATE
}
