package vn.par.criteria.unit;

import java.util.Optional;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;

/** A department (sở, ban, ngành) that writes a plan. */
@Entity
public class Agency extends PanacheEntityBase {

    @Id
    public UUID id;

    @Column(nullable = false)
    public String name;

    /** {@link Names#matchKey(String)} of the name. */
    @Column(name = "match_key", nullable = false, unique = true)
    public String matchKey;

    public static Optional<Agency> findByName(String name) {
        return find("matchKey", Names.matchKey(name)).firstResultOptional();
    }

    /** The agency of that name, created if it does not exist yet. */
    public static Agency findOrCreate(String name) {
        return findByName(name).orElseGet(() -> {
            Agency a = new Agency();
            a.id = UUID.randomUUID();
            a.name = Names.clean(name);
            a.matchKey = Names.matchKey(name);
            a.persist();
            return a;
        });
    }
}
