package io.palisade.web;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The module rules of design.md, checked over the main code of every module: a boundary crossed fails the build.
 */
class ModuleBoundariesTest {

    private static JavaClasses classes;

    @BeforeAll
    static void importMainCode() {
        classes = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .withImportOption(location -> !location.contains("palisade-test-support"))
                .importPackages("io.palisade");
    }

    @Test
    void detectionUsesNoSpringPersistenceServletOrHttpClientTypes() {
        ArchRule rule = noClasses()
                .that()
                .resideInAPackage("io.palisade.detection..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage(
                        "org.springframework..",
                        "jakarta.persistence..",
                        "jakarta.servlet..",
                        "java.net.http..",
                        "java.sql..",
                        "okhttp3..",
                        "org.apache.hc..",
                        "org.apache.http..");
        rule.check(classes);
    }

    @Test
    void detectionDependsOnNothingOfOurs() {
        noClasses()
                .that()
                .resideInAPackage("io.palisade.detection..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage(
                        "io.palisade.core..",
                        "io.palisade.m365..",
                        "io.palisade.gws..",
                        "io.palisade.banners..",
                        "io.palisade.web..",
                        "io.palisade.simulator..")
                .check(classes);
    }

    @Test
    void coreDependsOnDetectionOnly() {
        noClasses()
                .that()
                .resideInAPackage("io.palisade.core..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage(
                        "io.palisade.m365..",
                        "io.palisade.gws..",
                        "io.palisade.banners..",
                        "io.palisade.web..",
                        "io.palisade.simulator..")
                .check(classes);
    }

    @Test
    void connectorsDoNotUseEachOther() {
        noClasses()
                .that()
                .resideInAPackage("io.palisade.m365..")
                .should()
                .dependOnClassesThat()
                .resideInAPackage("io.palisade.gws..")
                .check(classes);
        noClasses()
                .that()
                .resideInAPackage("io.palisade.gws..")
                .should()
                .dependOnClassesThat()
                .resideInAPackage("io.palisade.m365..")
                .check(classes);
    }

    @Test
    void bannersUseNeitherConnectorsNorWeb() {
        noClasses()
                .that()
                .resideInAPackage("io.palisade.banners..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage(
                        "io.palisade.m365..", "io.palisade.gws..", "io.palisade.web..", "io.palisade.simulator..")
                .check(classes);
    }

    @Test
    void nothingOutsideWebUsesWeb() {
        noClasses()
                .that()
                .resideOutsideOfPackage("io.palisade.web..")
                .should()
                .dependOnClassesThat()
                .resideInAPackage("io.palisade.web..")
                .check(classes);
    }

    @Test
    void simulatorIsUsedOnlyByTheDemoMode() {
        noClasses()
                .that()
                .resideOutsideOfPackages("io.palisade.simulator..", "io.palisade.web.demo..")
                .should()
                .dependOnClassesThat()
                .resideInAPackage("io.palisade.simulator..")
                .because("a real tenant must never be served through the simulator")
                .check(classes);
    }

    @Test
    void simulatorDependsOnNothingOfOurs() {
        noClasses()
                .that()
                .resideInAPackage("io.palisade.simulator..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage(
                        "io.palisade.core..",
                        "io.palisade.detection..",
                        "io.palisade.m365..",
                        "io.palisade.gws..",
                        "io.palisade.banners..",
                        "io.palisade.web..")
                .check(classes);
    }
}
