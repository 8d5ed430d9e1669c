package dev.miniats.functions;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

/**
 * Handlers talk to ports; only FunctionEnvironment (the wiring place) knows the AWS adapters,
 * and time comes from the environment's clock.
 */
@AnalyzeClasses(packages = "dev.miniats.functions", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {
    @ArchTest
    static final ArchRule only_the_environment_knows_the_adapters = noClasses()
            .that().resideInAPackage("dev.miniats.functions")
            .and().doNotHaveSimpleName("FunctionEnvironment")
            .should().dependOnClassesThat().resideInAPackage("dev.miniats.functions.internal..");

    @ArchTest
    static final ArchRule handlers_do_not_use_the_aws_sdk_directly = noClasses()
            .that().resideInAPackage("dev.miniats.functions")
            .and().doNotHaveSimpleName("FunctionEnvironment")
            .should().dependOnClassesThat().resideInAPackage("software.amazon.awssdk..");

    @ArchTest
    static final ArchRule functions_read_time_from_the_environments_clock = noClasses()
            .that().resideInAPackage("dev.miniats.functions..")
            .should().callMethod(java.time.Instant.class, "now")
            .orShould().callMethod(System.class, "currentTimeMillis");
}
