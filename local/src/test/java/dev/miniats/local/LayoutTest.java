package dev.miniats.local;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

/**
 * The local runtime's layout: one package per AWS service over the shared {@code aws} protocol
 * package (see the README's "How it is built"). These rules keep it from sliding back.
 */
class LayoutTest {
    private static JavaClasses classes;

    @BeforeAll
    static void importClasses() {
        classes = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("dev.miniats.local");
    }

    @Test
    void service_packages_are_free_of_cycles() {
        slices().matching("dev.miniats.local.(*)..").should().beFreeOfCycles().check(classes);
    }

    @Test
    void the_protocol_package_knows_no_service() {
        noClasses().that().resideInAPackage("dev.miniats.local.aws..")
                .should().dependOnClassesThat().resideInAnyPackage("dev.miniats.local.events..", "dev.miniats.local.ses..",
                        "dev.miniats.local.lambda..", "dev.miniats.local.logs..", "dev.miniats.local.mail..",
                        "dev.miniats.local.console..", "dev.miniats.local.ats..", "dev.miniats.local.sqlite..",
                        "dev.miniats.local.iam..", "dev.miniats.local.sts..")
                .check(classes);
    }

    @Test
    void the_console_reads_through_read_models_and_holds_no_sql() {
        noClasses().that().resideInAPackage("dev.miniats.local.console..")
                .should().dependOnClassesThat().resideInAnyPackage("dev.miniats.local.sqlite..", "java.sql..")
                .because("the console shows what ats' read models (and the services' public faces) offer, so a page"
                        + " and the /_ats API cannot tell a user different things")
                .check(classes);
    }

    @Test
    void services_never_reach_the_runtime_root_or_the_console() {
        noClasses().that().resideOutsideOfPackages("dev.miniats.local", "dev.miniats.local.console..")
                .should().dependOnClassesThat().resideInAnyPackage("dev.miniats.local", "dev.miniats.local.console..")
                .check(classes);
    }
}
