package vn.par.scoring;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/**
 * The layering scoring-service keeps (README, "Packages"), so that it stays true: the projection is plain Java, the
 * HTTP side reads through the services, and only the repository talks SQL.
 */
@AnalyzeClasses(packages = "vn.par.scoring", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

    /** The rule itself, testable without Quarkus, Kafka or a database: Java and JSON annotations only. */
    @ArchTest
    static final ArchRule theProjectionIsPlainJava = classes().that().resideInAPackage("..projection..")
            .should().onlyDependOnClassesThat().resideInAnyPackage("java..", "vn.par.scoring.projection..",
                    "com.fasterxml.jackson.annotation..");

    @ArchTest
    static final ArchRule resourcesAndPagesGoThroughTheServices = noClasses().that()
            .resideInAnyPackage("..rest..", "..web..", "..export..")
            .should().dependOnClassesThat().resideInAnyPackage("..repository..", "java.sql..", "io.agroal..",
                    "org.apache.kafka..")
            .orShould().dependOnClassesThat().haveSimpleName("ProjectionService");

    @ArchTest
    static final ArchRule consumersHandEventsToTheServices = noClasses().that().resideInAPackage("..messaging..")
            .should().dependOnClassesThat().resideInAnyPackage("..repository..", "..rest..", "..web..");

    @ArchTest
    static final ArchRule theRepositoryKnowsNoCallers = noClasses().that().resideInAPackage("..repository..")
            .should().dependOnClassesThat().resideInAnyPackage("..service..", "..rest..", "..web..", "..messaging..");

    @ArchTest
    static final ArchRule onlyTheRepositoryAndTheServicesTalkSql = noClasses().that()
            .resideOutsideOfPackages("..repository..", "..service..")
            .should().dependOnClassesThat().resideInAPackage("java.sql..");
}
