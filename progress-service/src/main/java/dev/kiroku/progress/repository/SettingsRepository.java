package dev.kiroku.progress.repository;

import dev.kiroku.progress.domain.RatingScale;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;

/** SQL for {@code user_setting}: the rating scale each user reads and writes ratings in. */
@ApplicationScoped
public class SettingsRepository {

  static final String SCALE = "SELECT rating_scale FROM user_setting WHERE user_id = $1";

  static final String SAVE_SCALE =
      "INSERT INTO user_setting (user_id, rating_scale) VALUES ($1, $2) ON CONFLICT (user_id)"
          + " DO UPDATE SET rating_scale = EXCLUDED.rating_scale, updated_at = now()";

  static final String SCALES =
      "SELECT user_id, rating_scale FROM user_setting WHERE user_id = ANY($1::text[])";

  /** A Kiroku export's scale, for a user who has none yet ({@code DO NOTHING}) or in any case. */
  static final String SAVE_SCALE_IF_ABSENT =
      "INSERT INTO user_setting (user_id, rating_scale) VALUES ($1, $2) ON CONFLICT (user_id)"
          + " DO NOTHING";

  /** The user's scale; {@link RatingScale#DEFAULT} for a user without a setting. */
  public Uni<RatingScale> scale(SqlClient client, String userId) {
    return client
        .preparedQuery(SCALE)
        .execute(Tuple.of(userId))
        .map(
            rows ->
                rows.iterator().hasNext()
                    ? RatingScale.valueOf(rows.iterator().next().getString(0))
                    : RatingScale.DEFAULT);
  }

  public Uni<Void> saveScale(SqlClient client, String userId, RatingScale scale) {
    return client
        .preparedQuery(SAVE_SCALE)
        .execute(Tuple.of(userId, scale.name()))
        .replaceWithVoid();
  }

  /** Sets the scale only when the user has none yet. */
  public Uni<Void> saveScaleIfAbsent(SqlClient client, String userId, RatingScale scale) {
    return client
        .preparedQuery(SAVE_SCALE_IF_ABSENT)
        .execute(Tuple.of(userId, scale.name()))
        .replaceWithVoid();
  }

  /** The rating scales of {@code userIds}; users without a setting are absent. */
  public Uni<java.util.Map<String, RatingScale>> scales(
      SqlClient client, java.util.Collection<String> userIds) {
    return client
        .preparedQuery(SCALES)
        .execute(Tuple.tuple().addArrayOfString(userIds.toArray(new String[0])))
        .map(
            rows -> {
              java.util.Map<String, RatingScale> scales = new java.util.HashMap<>();
              for (Row r : rows) {
                scales.put(r.getString(0), RatingScale.valueOf(r.getString(1)));
              }
              return scales;
            });
  }
}
