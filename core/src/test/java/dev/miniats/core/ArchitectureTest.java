package dev.miniats.core;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

/** Core is the domain: no AWS SDK, no web or storage frameworks, no wall clock. */
@AnalyzeClasses(packages = "dev.miniats.core", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {
    @ArchTest
    static final ArchRule core_has_no_aws_sdk_nor_io_frameworks = noClasses()
            .that().resideInAPackage("dev.miniats.core..")
            .should().dependOnClassesThat().resideInAnyPackage(
                    "software.amazon.awssdk..", "com.amazonaws..", "io.javalin..", "java.sql..",
                    "org.flywaydb..", "com.icegreen..", "java.net.http..");

    @ArchTest
    static final ArchRule core_reads_time_from_an_injected_clock = noClasses()
            .that().resideInAPackage("dev.miniats.core..")
            .should().callMethod(java.time.Instant.class, "now")
            .orShould().callMethod(java.time.LocalDate.class, "now")
            .orShould().callMethod(System.class, "currentTimeMillis");
}
