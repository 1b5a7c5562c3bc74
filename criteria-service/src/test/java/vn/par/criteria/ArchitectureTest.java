package vn.par.criteria;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import java.util.Set;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaMethodCall;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;

/**
 * The layering criteria-service keeps (README, "Packages"), so that it stays true. The model is Panache entities
 * (active record): a resource or page may read them with their finders, but every change of a plan or a unit is a
 * use case in {@code service}, which checks the caller, writes the audit trail and the plan's event.
 */
@AnalyzeClasses(packages = "vn.par.criteria", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

    private static final Set<String> WRITES = Set.of("persist", "persistAndFlush", "delete", "deleteAll", "deleteById",
            "update", "flush", "getEntityManager");

    private static final DescribedPredicate<JavaMethodCall> ENTITY_WRITE = DescribedPredicate.describe(
            "a write of an entity (persist, delete, update, flush)",
            call -> call.getTargetOwner().isAssignableTo(PanacheEntityBase.class) && WRITES.contains(call.getName()));

    private static final String[] PERSISTENCE_AND_EVENTS = { "jakarta.persistence..", "org.hibernate..", "java.sql..",
        "io.agroal..", "org.apache.kafka..", "vn.par.infra.outbox..", "vn.par.criteria.messaging.." };

    @ArchTest
    static final ArchRule theApiAndThePagesChangeDataOnlyThroughTheServices = noClasses().that()
            .resideInAnyPackage("vn.par.criteria.rest..", "vn.par.criteria.web..", "vn.par.criteria.report..")
            .should().callMethodWhere(ENTITY_WRITE)
            .orShould().dependOnClassesThat().resideInAnyPackage(PERSISTENCE_AND_EVENTS);

    /** Pages and API are two doors to the same use cases; what both take (TaskInput, UnitInput) lives with those. */
    @ArchTest
    static final ArchRule thePagesDoNotUseTheApi = noClasses().that().resideInAPackage("vn.par.criteria.web..")
            .should().dependOnClassesThat().resideInAPackage("vn.par.criteria.rest..");

    @ArchTest
    static final ArchRule theApiDoesNotUseThePages = noClasses().that().resideInAPackage("vn.par.criteria.rest..")
            .should().dependOnClassesThat().resideInAPackage("vn.par.criteria.web..");

    @ArchTest
    static final ArchRule nothingBelowTheHttpEdgeDependsOnIt = noClasses().that()
            .resideOutsideOfPackages("vn.par.criteria.rest..", "vn.par.criteria.web..")
            .should().dependOnClassesThat().resideInAnyPackage("vn.par.criteria.rest..", "vn.par.criteria.web..");

    /** The model knows nobody who uses it. */
    @ArchTest
    static final ArchRule theModelKnowsNoCallers = noClasses().that()
            .resideInAnyPackage("vn.par.criteria.plan..", "vn.par.criteria.unit..")
            .should().dependOnClassesThat().resideInAnyPackage("vn.par.criteria.service..", "vn.par.criteria.rest..",
                    "vn.par.criteria.web..", "vn.par.criteria.messaging..", "vn.par.criteria.client..",
                    "vn.par.criteria.report..", "vn.par.criteria.importing..", "vn.par.criteria.caller..");

    /** Reading the appendix is plain Java over POI: no database, no HTTP, no Quarkus, testable on its own. */
    @ArchTest
    static final ArchRule theImportReadsFilesOnly = classes().that().resideInAPackage("vn.par.criteria.importing..")
            .should().onlyDependOnClassesThat().resideInAnyPackage("java..", "org.apache.poi..", "org.openxmlformats..",
                    "com.fasterxml.jackson..", "vn.par.criteria.importing..", "vn.par.criteria.rule..");

    /** The scoring rules as docs/contracts/scoring-rules.md writes them: Java and JSON, refusals as a problem. */
    @ArchTest
    static final ArchRule theRulesArePlainJava = classes().that().resideInAPackage("vn.par.criteria.rule..")
            .should().onlyDependOnClassesThat().resideInAnyPackage("java..", "com.fasterxml.jackson..",
                    "vn.par.criteria.rule..", "vn.par.infra.problem..");

    /** The clients of scoring-service and progress-service carry those services' answers, nothing of this one. */
    @ArchTest
    static final ArchRule theClientsKnowOnlyTheirAnswers = noClasses().that().resideInAPackage("vn.par.criteria.client..")
            .should().dependOnClassesThat().resideInAnyPackage("vn.par.criteria.plan..", "vn.par.criteria.unit..",
                    "vn.par.criteria.service..", "vn.par.criteria.rest..", "vn.par.criteria.web..",
                    "vn.par.criteria.messaging..", "vn.par.criteria.report..", "vn.par.criteria.importing..",
                    "vn.par.criteria.caller..", "vn.par.criteria.rule..");
}
