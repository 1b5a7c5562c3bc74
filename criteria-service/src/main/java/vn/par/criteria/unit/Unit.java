package vn.par.criteria.unit;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import jakarta.persistence.CollectionTable;
import jakarta.persistence.Column;
import jakarta.persistence.ElementCollection;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.JoinTable;
import jakarta.persistence.ManyToMany;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.OrderBy;
import jakarta.persistence.OrderColumn;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;

/** A unit of an agency (office, division, public service unit...) or a group of them. */
@Entity
public class Unit extends PanacheEntityBase {

    @Id
    public UUID id;

    @ManyToOne(optional = false)
    @JoinColumn(name = "agency_id")
    public Agency agency;

    @Column(nullable = false, unique = true)
    public String code;

    @Column(nullable = false)
    public String name;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public UnitKind kind;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    /** Other names the unit is written as, e.g. a name the appendix cuts short. */
    @ElementCollection
    @CollectionTable(name = "unit_alias", joinColumns = @JoinColumn(name = "unit_id"))
    @OrderColumn(name = "position")
    @Column(name = "alias")
    public List<String> aliases = new ArrayList<>();

    /** For a group: its members, by code. An empty group means every unit of the agency that is not a group. */
    @ManyToMany
    @OrderBy("code")
    @JoinTable(name = "unit_group_member", joinColumns = @JoinColumn(name = "group_id"),
            inverseJoinColumns = @JoinColumn(name = "member_id"))
    public Set<Unit> members = new LinkedHashSet<>();

    public static Optional<Unit> findByCode(String code) {
        return find("code", code).firstResultOptional();
    }

    public static List<Unit> ofAgency(Agency agency) {
        return list("agency = ?1 order by code", agency);
    }

    public boolean isGroup() {
        return kind == UnitKind.GROUP;
    }

    /** Whether {@code name} is this unit's name or one of its aliases. */
    public boolean answersTo(String name) {
        String key = Names.matchKey(name);
        if (Names.matchKey(this.name).equals(key)) {
            return true;
        }
        for (String alias : aliases) {
            if (Names.matchKey(alias).equals(key)) {
                return true;
            }
        }
        return false;
    }
}
