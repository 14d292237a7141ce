package dev.kiroku.testing;

import static com.tngtech.archunit.library.Architectures.layeredArchitecture;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.syntax.ArchRuleDefinition;

/**
 * The package rules every service keeps (STYLE.md, "Package by service, then by role"): packages by
 * role, and no package imports one above it.
 *
 * <pre>
 * rest ──▶ service ──▶ event ──▶ client, repository ──▶ domain
 *              └──────────────────────────▲ (service uses all below it)
 * config: read by any layer, reads none
 * </pre>
 *
 * ({@code event} holds the event factories and the consumers; a consumer's handler may call another
 * system through a {@code client}, the way a service does.)
 *
 * <p>A service's {@code PackageRulesTest} checks its production classes against {@link
 * #layers(String)}, {@link #rolePackages(String)} and {@link #noCycles(String)}.
 */
public final class PackageRules {

  private PackageRules() {}

  /** The layer rule for the packages under {@code root} (e.g. {@code dev.kiroku.social}). */
  public static ArchRule layers(String root) {
    return layeredArchitecture()
        .consideringOnlyDependenciesInLayers()
        .withOptionalLayers(true)
        .layer("rest")
        .definedBy(root + ".rest..")
        .layer("service")
        .definedBy(root + ".service..")
        .layer("event")
        .definedBy(root + ".event..")
        .layer("client")
        .definedBy(root + ".client..")
        .layer("repository")
        .definedBy(root + ".repository..")
        .layer("domain")
        .definedBy(root + ".domain..")
        .layer("config")
        .definedBy(root + ".config..")
        .whereLayer("rest")
        .mayOnlyAccessLayers("service", "domain", "config")
        .whereLayer("service")
        .mayOnlyAccessLayers("event", "client", "repository", "domain", "config")
        .whereLayer("event")
        .mayOnlyAccessLayers("client", "repository", "domain", "config")
        .whereLayer("client")
        .mayOnlyAccessLayers("domain", "config")
        .whereLayer("repository")
        .mayOnlyAccessLayers("domain", "config")
        .whereLayer("domain")
        .mayNotAccessAnyLayer()
        .whereLayer("config")
        .mayNotAccessAnyLayer();
  }

  /** Every class under {@code root} sits in one of the role packages. */
  public static ArchRule rolePackages(String root) {
    return ArchRuleDefinition.classes()
        .should()
        .resideInAnyPackage(
            root + ".rest..",
            root + ".service..",
            root + ".event..",
            root + ".client..",
            root + ".repository..",
            root + ".domain..",
            root + ".config..");
  }

  /** No two packages under {@code root} depend on each other in a cycle. */
  public static ArchRule noCycles(String root) {
    return slices().matching(root + ".(**)").should().beFreeOfCycles();
  }
}
