package dev.kiroku.social.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.kiroku.platform.problem.ProblemException;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class ProfileRulesTest {

  private static final Instant CREATED = Instant.parse("2026-12-01T10:00:00Z");
  private static final Instant NOW = Instant.parse("2026-12-07T10:00:00Z");

  private static final Profile ALICE =
      new Profile(
          "u1",
          "alice",
          "Alice",
          "Hi",
          "https://img.example/a.png",
          Visibility.PUBLIC,
          RatingScale.POINT_10,
          3,
          4,
          CREATED,
          CREATED);

  private static ProfileChange change(
      Patch<String> handle, Patch<String> name, Patch<String> bio, Patch<String> avatar) {
    return new ProfileChange(handle, name, bio, avatar, Patch.absent(), Patch.absent());
  }

  @Test
  void absentFieldsAreKeptAndNullClears() {
    Profile after =
        ProfileRules.apply(
            ALICE, change(Patch.absent(), Patch.of(null), Patch.absent(), Patch.of("  ")), NOW);
    assertThat(after.handle()).isEqualTo("alice");
    assertThat(after.displayName()).isNull();
    assertThat(after.bio()).isEqualTo("Hi");
    assertThat(after.avatarUrl()).isNull();
    assertThat(after.followerCount()).isEqualTo(3);
    assertThat(after.createdAt()).isEqualTo(CREATED);
    assertThat(after.updatedAt()).isEqualTo(NOW);
  }

  @Test
  void handlesAreStoredLowerCase() {
    Profile after =
        ProfileRules.apply(
            ALICE,
            change(Patch.of("Alice_2"), Patch.absent(), Patch.absent(), Patch.absent()),
            NOW);
    assertThat(after.handle()).isEqualTo("alice_2");
  }

  @Test
  void everyBrokenFieldIsNamed() {
    assertThatThrownBy(
            () ->
                ProfileRules.apply(
                    ALICE,
                    new ProfileChange(
                        Patch.of("me"),
                        Patch.of("x".repeat(101)),
                        Patch.of("b".repeat(1001)),
                        Patch.of("http://img.example/a.png"),
                        Patch.of(null),
                        Patch.of(null)),
                    NOW))
        .isInstanceOfSatisfying(
            ProblemException.class,
            e ->
                assertThat(e.toProblem("/me").violations())
                    .extracting(v -> v.field())
                    .containsExactly(
                        "handle", "displayName", "bio", "avatarUrl", "visibility", "ratingScale"));
  }

  @Test
  void aBioOf1000CharactersIsAllowed() {
    Profile after =
        ProfileRules.apply(
            ALICE,
            change(Patch.absent(), Patch.absent(), Patch.of("é".repeat(1000)), Patch.absent()),
            NOW);
    assertThat(after.bio()).hasSize(1000);
  }

  @Test
  void avatarsAreHttpsUrlsWithAHost() {
    assertThat(ProfileRules.isHttpsUrl("https://cdn.example/a.png")).isTrue();
    assertThat(ProfileRules.isHttpsUrl("HTTPS://cdn.example/a.png")).isTrue();
    assertThat(ProfileRules.isHttpsUrl("http://cdn.example/a.png")).isFalse();
    assertThat(ProfileRules.isHttpsUrl("javascript:alert(1)")).isFalse();
    assertThat(ProfileRules.isHttpsUrl("https:///a.png")).isFalse();
    assertThat(ProfileRules.isHttpsUrl("https://user:pw@cdn.example/a.png")).isFalse();
    assertThat(ProfileRules.isHttpsUrl("https://cdn.example/" + "a".repeat(2000))).isFalse();
  }
}
