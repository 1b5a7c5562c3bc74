package vn.par.progress.plan;

import java.time.Instant;
import java.util.UUID;

import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;

/** The latest applied snapshot of a published plan (from {@code par.plans}). */
@Entity
@Table(name = "plan")
public class Plan extends PanacheEntityBase {

    /** The only status that takes reports; criteria-service publishes a plan as PUBLISHED and closes it as CLOSED. */
    public static final String PUBLISHED = "PUBLISHED";

    @Id
    public UUID id;
    public long version;
    public String status;
    public String agencyId;
    public String agencyName;
    /** Every unit code of the agency: whose reporters read and post for this plan (see {@link PlanAgency}). */
    public String[] agencyUnitCodes;
    public int year;
    public Instant appliedAt;

    public boolean open() {
        return PUBLISHED.equals(status);
    }
}
