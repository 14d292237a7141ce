package dev.kiroku.progress.architecture;

import static com.tngtech.archunit.library.Architectures.layeredArchitecture;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.EvaluationResult;
import org.junit.jupiter.api.Test;

/**
 * progress-service's package rules (README "Code layout"): packages by role, and no package imports
 * one above it.
 *
 * <pre>
 * rest ──▶ service ──▶ event, client ──▶ repository ──▶ domain
 *              └────────────────────────────▲ (service uses all below it)
 * config: read by any layer, reads none
 * </pre>
 *
 * Every production class sits in one of these packages, and no two packages depend on each other in
 * a cycle.
 */
class PackageRulesTest {

  private static final String ROOT = "dev.kiroku.progress";

  private static final JavaClasses PRODUCTION =
      new ClassFileImporter()
          .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
          .importPackages(ROOT);

  /** The layer rule for the packages under {@code root}. */
  static ArchRule layers(String root) {
    return layeredArchitecture()
        .consideringOnlyDependenciesInLayers()
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
        .mayOnlyAccessLayers("repository", "domain", "config")
        .whereLayer("client")
        .mayOnlyAccessLayers("domain", "config")
        .whereLayer("repository")
        .mayOnlyAccessLayers("domain", "config")
        .whereLayer("domain")
        .mayNotAccessAnyLayer()
        .whereLayer("config")
        .mayNotAccessAnyLayer();
  }

  @Test
  void noPackageImportsOneAboveIt() {
    layers(ROOT).check(PRODUCTION);
  }

  @Test
  void everyClassSitsInARolePackage() {
    com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes()
        .should()
        .resideInAnyPackage(
            ROOT + ".rest..",
            ROOT + ".service..",
            ROOT + ".event..",
            ROOT + ".client..",
            ROOT + ".repository..",
            ROOT + ".domain..",
            ROOT + ".config..")
        .check(PRODUCTION);
  }

  @Test
  void noPackagesDependOnEachOtherInACycle() {
    slices().matching(ROOT + ".(**)").should().beFreeOfCycles().check(PRODUCTION);
  }

  /** The rule is not vacuous: a domain class that imports a REST class is reported. */
  @Test
  void anUpwardImportIsReported() {
    String root = ROOT + ".architecture.violation";
    JavaClasses fixture = new ClassFileImporter().importPackages(root);
    EvaluationResult result = layers(root).evaluate(fixture);
    assertThat(result.hasViolation()).isTrue();
    assertThat(result.getFailureReport().getDetails())
        .anySatisfy(
            line ->
                assertThat(line)
                    .contains("violation.domain.ChangeRule")
                    .contains("violation.rest.RequestBody"));
  }
}
