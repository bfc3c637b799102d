package io.couchgate.bootstrap.archunit;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The hexagonal dependency rule: dependencies point inward only. Every rule also fails when it matches no class
 * (ArchUnit's default {@code failOnEmptyShould}), so a renamed package cannot make it pass silently.
 */
class DependencyRuleTest {

    private static JavaClasses production;

    @BeforeAll
    static void importProductionClasses() {
        production = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .withImportOption(location -> !location.contains("-tests.jar")) // fakes and harness in test-jars
                .importPackages("io.couchgate");
    }

    @Test
    void domain_dependsOnlyOnTheJdkItselfAndTheTwoUsernameLibraries() {
        // PRECIS (RFC 8265) and ICU's UTS #39 checks: pure string libraries, used by Username alone (domain/pom.xml).
        classes().that().resideInAPackage("io.couchgate.domain..")
                .should().onlyDependOnClassesThat().resideInAnyPackage("io.couchgate.domain..", "java..",
                        "rocks.xmpp.precis..", "com.ibm.icu..")
                .check(production);
    }

    @Test
    void onlyTheUsernameRules_useTheUsernameLibraries() {
        noClasses().that().resideOutsideOfPackage("io.couchgate.domain")
                .or().haveSimpleNameNotStartingWith("Username")
                .should().dependOnClassesThat().resideInAnyPackage("rocks.xmpp.precis..", "com.ibm.icu..")
                .check(production);
    }

    @Test
    void application_dependsOnNoFrameworkAndNoAdapter() {
        noClasses().that().resideInAPackage("io.couchgate.application..")
                .should().dependOnClassesThat().resideInAnyPackage("io.micronaut..", "io.netty..",
                        "jakarta..", "io.micrometer..", "io.couchgate.adapters..", "io.couchgate.bootstrap..")
                .check(production);
    }

    @Test
    void couchDbAdapter_doesNotDependOnTheHttpAdapter() {
        noClasses().that().resideInAPackage("io.couchgate.adapters.couchdb..")
                .should().dependOnClassesThat().resideInAnyPackage("io.couchgate.adapters.http..",
                        "io.couchgate.application..")
                .check(production);
    }

    @Test
    void httpAdapter_doesNotDependOnTheCouchDbAdapter() {
        noClasses().that().resideInAPackage("io.couchgate.adapters.http..")
                .should().dependOnClassesThat().resideInAPackage("io.couchgate.adapters.couchdb..")
                .check(production);
    }

    @Test
    void onlyBootstrap_measuresWithMicrometer() {
        // application and adapters report through the Metrics port (io.couchgate.application.port.out)
        noClasses().that().resideOutsideOfPackage("io.couchgate.bootstrap..")
                .should().dependOnClassesThat().resideInAPackage("io.micrometer..")
                .check(production);
    }

    @Test
    void onlyBootstrap_dependsOnBootstrap() {
        noClasses().that().resideOutsideOfPackage("io.couchgate.bootstrap..")
                .should().dependOnClassesThat().resideInAPackage("io.couchgate.bootstrap..")
                .check(production);
    }
}
