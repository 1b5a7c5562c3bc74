package vn.par.progress;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import java.util.Set;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaMethodCall;
import com.tngtech.archunit.core.domain.JavaModifier;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;

/**
 * The layering progress-service keeps (README, "Packages"), so that it stays true. Packages are features (a
 * report, an indicator, the appraisal, ...), each with its entities, requests, views and {@code @Transactional}
 * services; {@code rest} and {@code web} are the two doors to those services.
 */
@AnalyzeClasses(packages = "vn.par.progress", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

    private static final Set<String> WRITES = Set.of("persist", "persistAndFlush", "delete", "deleteAll", "deleteById",
            "update", "flush", "getEntityManager");

    private static final DescribedPredicate<JavaMethodCall> ENTITY_WRITE = DescribedPredicate.describe(
            "a write of an entity (persist, delete, update, flush)",
            call -> call.getTargetOwner().isAssignableTo(PanacheEntityBase.class) && WRITES.contains(call.getName()));

    private static final String[] PERSISTENCE_AND_EVENTS = { "jakarta.persistence..", "jakarta.transaction..",
        "org.hibernate..", "java.sql..", "io.agroal..", "org.apache.kafka..", "vn.par.infra.outbox..",
        "vn.par.progress.messaging.." };

    /** The API calls the features' services for everything, reads included, and opens no transaction itself. */
    @ArchTest
    static final ArchRule theApiGoesThroughTheServices = noClasses().that().resideInAPackage("vn.par.progress.rest..")
            .should().callMethodWhere(ENTITY_WRITE)
            .orShould().callMethodWhere(entityQuery("any entity", null))
            .orShould().dependOnClassesThat().resideInAnyPackage(PERSISTENCE_AND_EVENTS);

    /**
     * The pages post through the same services as the API. One exception, on purpose: they read the plan copy
     * ({@code plan}: Plan, Task, PlanCriterion, PlanUnit) with its finders, for titles, names and the list of
     * plans. That copy is read-only here (only the consumer of par.plans writes it) and asks no rule of the caller
     * beyond what the page checks through the services it calls next.
     */
    @ArchTest
    static final ArchRule thePagesChangeDataOnlyThroughTheServices = noClasses().that()
            .resideInAPackage("vn.par.progress.web..")
            .should().callMethodWhere(ENTITY_WRITE)
            .orShould().callMethodWhere(entityQuery("an entity outside the plan copy", "vn.par.progress.plan"))
            .orShould().dependOnClassesThat().resideInAnyPackage(PERSISTENCE_AND_EVENTS);

    @ArchTest
    static final ArchRule thePagesDoNotUseTheApi = noClasses().that().resideInAPackage("vn.par.progress.web..")
            .should().dependOnClassesThat().resideInAPackage("vn.par.progress.rest..");

    @ArchTest
    static final ArchRule theApiDoesNotUseThePages = noClasses().that().resideInAPackage("vn.par.progress.rest..")
            .should().dependOnClassesThat().resideInAPackage("vn.par.progress.web..");

    /** The features know nothing of HTTP's two doors. */
    @ArchTest
    static final ArchRule nothingBelowTheHttpEdgeDependsOnIt = noClasses().that()
            .resideOutsideOfPackages("vn.par.progress.rest..", "vn.par.progress.web..")
            .should().dependOnClassesThat().resideInAnyPackage("vn.par.progress.rest..", "vn.par.progress.web..");

    /** The consumer of par.plans updates the plan copy and nothing else. */
    @ArchTest
    static final ArchRule theConsumerFeedsThePlanCopyOnly = noClasses().that()
            .resideInAPackage("vn.par.progress.messaging..")
            .should().dependOnClassesThat().resideInAnyPackage("vn.par.progress.appraisal..",
                    "vn.par.progress.assessment..", "vn.par.progress.evidence..", "vn.par.progress.indicator..",
                    "vn.par.progress.reminder..", "vn.par.progress.report..");

    /** This service's copy of the scoring rules (docs/contracts/scoring-rules.md): Java and JSON, no framework. */
    @ArchTest
    static final ArchRule theRulesArePlainJava = classes().that().resideInAPackage("vn.par.progress.rule..")
            .should().onlyDependOnClassesThat().resideInAnyPackage("java..", "com.fasterxml.jackson..",
                    "vn.par.progress.rule..", "vn.par.infra.problem..");

    /**
     * A call of one of an entity's static finders (Panache's {@code find}, {@code list}, ... or its own), unless the
     * entity is in {@code allowed}.
     */
    private static DescribedPredicate<JavaMethodCall> entityQuery(String which, String allowed) {
        return DescribedPredicate.describe("a query on " + which,
                call -> call.getTargetOwner().isAssignableTo(PanacheEntityBase.class)
                        && (allowed == null || !call.getTargetOwner().getPackageName().startsWith(allowed))
                        && call.getTarget().resolveMember().map(m -> m.getModifiers().contains(JavaModifier.STATIC))
                                .orElse(false));
    }
}
