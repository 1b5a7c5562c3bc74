package vn.par.criteria.service;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import vn.par.criteria.caller.Caller;
import vn.par.criteria.unit.Agency;
import vn.par.criteria.unit.Names;
import vn.par.criteria.unit.Unit;
import vn.par.criteria.unit.UnitKind;
import vn.par.infra.problem.ProblemException;

/** The units of each agency: finding them by name, creating them, expanding groups. */
@ApplicationScoped
public class UnitDirectory {

    /** The units named in one plan, resolved against one agency; remembers which ones it had to create. */
    public static final class Resolution {
        private final Agency agency;
        private final List<Unit> known;
        private final Set<Unit> used = new LinkedHashSet<>();
        private final Set<Unit> created = new LinkedHashSet<>();

        Resolution(Agency agency) {
            this.agency = agency;
            this.known = new ArrayList<>(Unit.ofAgency(agency));
        }

        /** The unit answering to {@code name} in this agency, created (and reported) if there is none. */
        public Unit resolve(String name) {
            Unit unit = known.stream().filter(u -> u.answersTo(name)).findFirst().orElseGet(() -> {
                Unit u = newUnit(agency, uniqueCode(Names.initials(name)), name, UnitKind.OTHER);
                known.add(u);
                created.add(u);
                return u;
            });
            used.add(unit);
            return unit;
        }

        public Set<Unit> used() {
            return used;
        }

        public boolean wasCreated(Unit unit) {
            return created.contains(unit);
        }

        public Set<Unit> created() {
            return created;
        }
    }

    private final PlanEditor editor;

    public UnitDirectory(PlanEditor editor) {
        this.editor = editor;
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public Resolution resolverFor(Agency agency) {
        return new Resolution(agency);
    }

    /** Creates a unit (or a group with members) in an agency, created if new, for an administrator of that agency. */
    @Transactional
    public Unit create(Caller caller, String agencyName, String code, String name, List<String> aliases, UnitKind kind,
            List<String> memberCodes) {
        caller.checkAdministers(agencyName, "agency");
        if (Unit.findByCode(code).isPresent()) {
            throw new ProblemException(vn.par.infra.problem.Problem.of(409, "Mã đơn vị đã tồn tại",
                    "Đã có đơn vị mang mã '" + code + "'. Mỗi mã đơn vị là duy nhất trong toàn hệ thống.").withField("code"));
        }
        if (!memberCodes.isEmpty() && kind != UnitKind.GROUP) {
            throw ProblemException.badRequest("members", "Chỉ nhóm đơn vị (kind GROUP) mới có thành viên.");
        }
        Agency agency = Agency.findOrCreate(agencyName);
        for (Unit other : Unit.ofAgency(agency)) {
            if (other.answersTo(name) || aliases.stream().anyMatch(other::answersTo)) {
                throw new ProblemException(vn.par.infra.problem.Problem.of(409, "Tên đơn vị đã được dùng",
                        "Đơn vị '" + other.name + "' (mã " + other.code + ") đã mang tên hoặc tên gọi khác này.")
                        .withField("name"));
            }
        }
        Unit unit = newUnit(agency, code, name, kind);
        aliases.stream().map(Names::clean).filter(a -> !a.isEmpty()).forEach(unit.aliases::add);
        for (String memberCode : memberCodes) {
            Unit member = Unit.findByCode(memberCode)
                    .filter(m -> m.agency.id.equals(agency.id) && !m.isGroup())
                    .orElseThrow(() -> ProblemException.badRequest("members",
                            "Không có đơn vị mã '" + memberCode + "' thuộc " + agency.name + " để làm thành viên nhóm."));
            unit.members.add(member);
        }
        editor.unitsAdded(agency, List.of(unit), caller.person());
        return unit;
    }

    /**
     * The units a list of task units stands for: groups replaced by their members (an empty group by every
     * non-group unit of its agency), duplicates removed, order kept.
     */
    public static List<Unit> expand(List<Unit> units) {
        Set<Unit> result = new LinkedHashSet<>();
        for (Unit u : units) {
            if (!u.isGroup()) {
                result.add(u);
            } else if (!u.members.isEmpty()) {
                result.addAll(u.members);
            } else {
                Unit.ofAgency(u.agency).stream().filter(m -> !m.isGroup()).forEach(result::add);
            }
        }
        return List.copyOf(result);
    }

    public Optional<Unit> byCode(String code) {
        return Unit.findByCode(code);
    }

    private static Unit newUnit(Agency agency, String code, String name, UnitKind kind) {
        Unit u = new Unit();
        u.id = UUID.randomUUID();
        u.agency = agency;
        u.code = code;
        u.name = Names.clean(name);
        u.kind = kind;
        u.createdAt = Instant.now();
        u.persist();
        return u;
    }

    /** {@code base}, or {@code base2}, {@code base3}... whichever no agency uses yet. */
    private static String uniqueCode(String base) {
        String code = base;
        for (int n = 2; Unit.findByCode(code).isPresent(); n++) {
            code = base + n;
        }
        return code;
    }
}
