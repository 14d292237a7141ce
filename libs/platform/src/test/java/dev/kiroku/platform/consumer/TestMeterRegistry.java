package dev.kiroku.platform.consumer;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

/** This module's tests have no Micrometer extension: a plain registry the tests can read. */
public class TestMeterRegistry {

  @Produces
  @Singleton
  MeterRegistry registry() {
    return new SimpleMeterRegistry();
  }
}
