package dev.kiroku.progress.architecture;

import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.EvaluationResult;
import dev.kiroku.testing.PackageRules;
import org.junit.jupiter.api.Test;

/**
 * progress-service's package rules (README "Code layout"; {@link PackageRules}): packages by role,
 * no package imports one above it, no cycles.
 */
class PackageRulesTest {

  private static final String ROOT = "dev.kiroku.progress";

  private static final JavaClasses PRODUCTION =
      new ClassFileImporter()
          .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
          .importPackages(ROOT);

  @Test
  void noPackageImportsOneAboveIt() {
    PackageRules.layers(ROOT).check(PRODUCTION);
  }

  @Test
  void everyClassSitsInARolePackage() {
    PackageRules.rolePackages(ROOT).check(PRODUCTION);
  }

  @Test
  void noPackagesDependOnEachOtherInACycle() {
    PackageRules.noCycles(ROOT).check(PRODUCTION);
  }

  /** The rule is not vacuous: a domain class that imports a REST class is reported. */
  @Test
  void anUpwardImportIsReported() {
    String root = ROOT + ".architecture.violation";
    JavaClasses fixture = new ClassFileImporter().importPackages(root);
    EvaluationResult result = PackageRules.layers(root).evaluate(fixture);
    assertThat(result.hasViolation()).isTrue();
    assertThat(result.getFailureReport().getDetails())
        .anySatisfy(
            line ->
                assertThat(line)
                    .contains("violation.domain.ChangeRule")
                    .contains("violation.rest.RequestBody"));
  }
}
