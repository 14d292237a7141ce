package dev.kiroku.social.architecture;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import dev.kiroku.testing.PackageRules;
import org.junit.jupiter.api.Test;

/**
 * social-service's package rules (README "Code layout"; {@link PackageRules}): packages by role, no
 * package imports one above it, no cycles. progress-service's test shows the rule reports an upward
 * import.
 */
class PackageRulesTest {

  private static final String ROOT = "dev.kiroku.social";

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
}
