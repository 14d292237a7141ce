package dev.kiroku.progress.service;

import dev.kiroku.progress.domain.RatingScale;
import dev.kiroku.progress.repository.SettingsRepository;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/** A user's settings: the rating scale ratings are read and written in. */
@ApplicationScoped
public class SettingsService {

  private final Pool pool;
  private final SettingsRepository settings;

  @Inject
  SettingsService(Pool pool, SettingsRepository settings) {
    this.pool = pool;
    this.settings = settings;
  }

  /** The user's scale; {@link RatingScale#DEFAULT} until they choose one. */
  public Uni<RatingScale> scale(String userId) {
    return settings.scale(pool, userId);
  }

  /** Sets the user's scale (stored ratings are 0-100 scores and do not change). */
  public Uni<Void> saveScale(String userId, RatingScale scale) {
    return settings.saveScale(pool, userId, scale);
  }
}
