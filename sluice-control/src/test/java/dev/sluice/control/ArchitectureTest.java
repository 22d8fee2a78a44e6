package dev.sluice.control;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;

import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

class ArchitectureTest {
  @Test
  void theControlLoopUsesNothingButTheJdkTheCoreAndItself() {
    var control = new ClassFileImporter().withImportOption(new ImportOption.DoNotIncludeTests()).importPackages("dev.sluice.control");

    classes().should().onlyDependOnClassesThat().resideInAnyPackage("java..", "dev.sluice.core..", "dev.sluice.control..")
        .because("sluice-control depends on sluice-core only, so both live modes can share it (DESIGN.md)")
        .check(control);
  }
}
