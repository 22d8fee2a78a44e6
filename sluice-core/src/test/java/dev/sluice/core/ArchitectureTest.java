package dev.sluice.core;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;

import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

class ArchitectureTest {
  @Test
  void theCoreUsesNothingButTheJdkAndItself() {
    var core = new ClassFileImporter().withImportOption(new ImportOption.DoNotIncludeTests()).importPackages("dev.sluice.core");

    classes().should().onlyDependOnClassesThat().resideInAnyPackage("java..", "dev.sluice.core..")
        .because("sluice-core must depend on the JDK only (DESIGN.md)")
        .check(core);
  }
}
