package vn.par.criteria.plan;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import jakarta.persistence.CascadeType;
import jakarta.persistence.CollectionTable;
import jakarta.persistence.Column;
import jakarta.persistence.ElementCollection;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.LockModeType;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.OneToMany;
import jakarta.persistence.OrderBy;
import jakarta.persistence.OrderColumn;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import vn.par.criteria.unit.Agency;

/** An agency's improvement plan for one year: the criteria tree, its tasks, and its lifecycle. */
@Entity
public class Plan extends PanacheEntityBase {

    @Id
    public UUID id;

    @ManyToOne(optional = false)
    @JoinColumn(name = "agency_id")
    public Agency agency;

    @Column(nullable = false)
    public int year;

    @Column(name = "baseline_year", nullable = false)
    public int baselineYear;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public PlanStatus status;

    /** 0 while DRAFT, 1 once published, then +1 with every published change. */
    @Column(nullable = false)
    public int version;

    /** Where the plan came from, e.g. "phu-luc.docx (DOCX)". */
    public String source;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    @Column(name = "created_by", nullable = false)
    public String createdBy;

    @Column(name = "published_at")
    public Instant publishedAt;

    @OneToMany(mappedBy = "plan", cascade = CascadeType.ALL, orphanRemoval = true)
    @OrderBy("position")
    public List<Criterion> criteria = new ArrayList<>();

    /**
     * What the administrator is asked to check because of how the plan was made (from the year before: projected
     * rather than final points, leaves flagged not applicable). They belong to the content: a new import replaces them.
     */
    @ElementCollection
    @CollectionTable(name = "plan_warning", joinColumns = @JoinColumn(name = "plan_id"))
    @OrderColumn(name = "position")
    public List<PlanWarning> warnings = new ArrayList<>();

    public static Optional<Plan> findByAgencyAndYear(Agency agency, int year) {
        return find("agency = ?1 and year = ?2", agency, year).firstResultOptional();
    }

    /** The plan, locked for the rest of the transaction so concurrent edits queue instead of interleaving. */
    public static Optional<Plan> findForUpdate(UUID id) {
        return Optional.ofNullable(findById(id, LockModeType.PESSIMISTIC_WRITE));
    }

    public Optional<Criterion> criterion(String code) {
        return criteria.stream().filter(c -> c.code.equals(code)).findFirst();
    }

    public Optional<Task> task(UUID taskId) {
        return criteria.stream().flatMap(c -> c.tasks.stream()).filter(t -> t.id.equals(taskId)).findFirst();
    }

    public CriteriaTree tree() {
        return new CriteriaTree(criteria.stream()
                .map(c -> new CriteriaTree.Node(c.code, c.maxPoints, c.baselinePoints, c.targetPoints)).toList());
    }

    public int taskCount() {
        return criteria.stream().mapToInt(c -> c.tasks.size()).sum();
    }
}
