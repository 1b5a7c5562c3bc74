package vn.par.progress.reminder;

import java.time.Clock;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Pattern;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import vn.par.infra.problem.ProblemException;
import vn.par.progress.caller.AgencyNames;
import vn.par.progress.caller.Caller;
import vn.par.progress.plan.Plan;
import vn.par.progress.plan.PlanUnit;
import vn.par.progress.plan.UnitCodes;
import vn.par.progress.reminder.ContactRequests.AgencyContactRequest;
import vn.par.progress.reminder.ContactRequests.AgencyContactView;
import vn.par.progress.reminder.ContactRequests.UnitContactRequest;
import vn.par.progress.reminder.ContactRequests.UnitContactView;
import vn.par.progress.reminder.UnitContact.Kind;

/**
 * The addresses reminders go to: a unit's, and an agency's administrators'. A provincial administrator sets any of
 * them, also for a unit no plan held here names yet (the launcher sets them as it loads the sample); an agency's
 * administrator only its own agency's and those of the units its plans name.
 */
@ApplicationScoped
public class ContactService {

    /** Unit codes as criteria-service accepts them. */
    private static final Pattern UNIT_CODE = Pattern.compile("[A-Z0-9][A-Z0-9_-]{0,39}");

    private final Clock clock;

    public ContactService(Clock clock) {
        this.clock = clock;
    }

    @Transactional
    public UnitContactView putUnit(Caller caller, String rawCode, UnitContactRequest request) {
        String code = UnitCodes.normalize(rawCode);
        if (code == null || !UNIT_CODE.matcher(code).matches()) {
            throw ProblemException.badRequest("code", "Mã đơn vị '" + rawCode + "' không hợp lệ: chữ in hoa không dấu, "
                    + "chữ số, '-' hoặc '_', tối đa 40 ký tự.");
        }
        if (!caller.provincialAdmin() && !unitsOf(caller.agency()).contains(code)) {
            throw ProblemException.forbidden("Đơn vị " + code + " không thuộc " + caller.agency()
                    + " trong các kế hoạch đã công bố; tài khoản quản trị của cơ quan chỉ đặt địa chỉ e-mail cho đơn vị "
                    + "của cơ quan mình.");
        }
        UnitContact contact = put(caller, Kind.UNIT, code, blankToNull(request.name()), List.of(request.email().strip()));
        return UnitContactView.of(contact);
    }

    @Transactional
    public AgencyContactView putAgency(Caller caller, AgencyContactRequest request) {
        String name = AgencyNames.clean(request.agency());
        String key = AgencyNames.key(name);
        if (!caller.provincialAdmin() && !key.equals(AgencyNames.key(caller.agency()))) {
            throw ProblemException.forbidden("Tài khoản quản trị của " + caller.agency()
                    + " chỉ đặt địa chỉ e-mail của quản trị viên cơ quan mình, không phải của " + name + ".");
        }
        List<String> emails = request.adminEmails().stream().map(String::strip).distinct().toList();
        return AgencyContactView.of(put(caller, Kind.AGENCY, key, name, emails));
    }

    @Transactional
    public List<UnitContactView> units(Caller caller) {
        Set<String> own = caller.provincialAdmin() ? null : unitsOf(caller.agency());
        return UnitContact.<UnitContact>list("kind = ?1 order by code", Kind.UNIT).stream()
                .filter(c -> own == null || own.contains(c.code)).map(UnitContactView::of).toList();
    }

    @Transactional
    public List<AgencyContactView> agencies(Caller caller) {
        String own = caller.provincialAdmin() ? null : AgencyNames.key(caller.agency());
        return UnitContact.<UnitContact>list("kind = ?1 order by code", Kind.AGENCY).stream()
                .filter(c -> own == null || own.equals(c.code)).map(AgencyContactView::of).toList();
    }

    /** A unit on the contacts page: its code, its name as a plan or its contact names it, its address or null. */
    public record UnitAddress(String code, String name, String email) {
    }

    /** An agency on the contacts page: its name and its administrators' addresses (empty when none are set). */
    public record AgencyAddresses(String agency, List<String> adminEmails) {
    }

    /**
     * The units whose address the caller sets, in code order, with or without an address yet: for a provincial
     * administrator every unit of the plans held here and every unit with an address; for an agency's administrator
     * its agency's units.
     */
    @Transactional
    public List<UnitAddress> unitAddresses(Caller caller) {
        Map<String, UnitContact> contacts = byCode(Kind.UNIT);
        Set<String> codes = new HashSet<>();
        if (caller.provincialAdmin()) {
            for (Plan plan : Plan.<Plan>listAll()) {
                codes.addAll(List.of(plan.agencyUnitCodes));
            }
            codes.addAll(contacts.keySet());
        } else {
            codes.addAll(unitsOf(caller.agency()));
        }
        Map<String, String> names = new HashMap<>();
        for (PlanUnit unit : PlanUnit.<PlanUnit>listAll()) {
            if (unit.name != null && !unit.name.isBlank()) {
                names.putIfAbsent(unit.code, unit.name);
            }
        }
        Map<String, UnitAddress> rows = new TreeMap<>();
        for (String code : codes) {
            UnitContact contact = contacts.get(code);
            String name = contact != null && contact.name != null ? contact.name : names.get(code);
            rows.put(code, new UnitAddress(code, name, contact == null ? null : contact.emails[0]));
        }
        return List.copyOf(rows.values());
    }

    /**
     * The agencies whose administrators' addresses the caller sets: for a provincial administrator every agency of the
     * plans held here and every agency with addresses; for an agency's administrator its own.
     */
    @Transactional
    public List<AgencyAddresses> agencyAddresses(Caller caller) {
        Map<String, UnitContact> contacts = byCode(Kind.AGENCY);
        Map<String, String> agencies = new TreeMap<>(); // key → name
        if (caller.provincialAdmin()) {
            for (Plan plan : Plan.<Plan>listAll()) {
                String key = AgencyNames.key(plan.agencyName);
                if (key != null) {
                    agencies.putIfAbsent(key, AgencyNames.clean(plan.agencyName));
                }
            }
            contacts.forEach((key, contact) -> agencies.put(key, contact.name));
        } else if (AgencyNames.key(caller.agency()) != null) {
            agencies.put(AgencyNames.key(caller.agency()), AgencyNames.clean(caller.agency()));
        }
        return agencies.entrySet().stream().map(a -> {
            UnitContact contact = contacts.get(a.getKey());
            return new AgencyAddresses(contact != null && contact.name != null ? contact.name : a.getValue(),
                    contact == null ? List.of() : List.of(contact.emails));
        }).toList();
    }

    /** Every unit's contact by unit code. */
    @Transactional
    public Map<String, UnitContact> unitContacts() {
        return byCode(Kind.UNIT);
    }

    /** Every agency's administrators by the agency's key ({@link AgencyNames#key}). */
    @Transactional
    public Map<String, UnitContact> agencyContacts() {
        return byCode(Kind.AGENCY);
    }

    private static Map<String, UnitContact> byCode(Kind kind) {
        Map<String, UnitContact> contacts = new HashMap<>();
        for (UnitContact c : UnitContact.<UnitContact>list("kind", kind)) {
            contacts.put(c.code, c);
        }
        return contacts;
    }

    private UnitContact put(Caller caller, Kind kind, String code, String name, List<String> emails) {
        UnitContact.Key key = new UnitContact.Key();
        key.kind = kind;
        key.code = code;
        UnitContact contact = UnitContact.findById(key);
        boolean created = contact == null;
        if (created) {
            contact = new UnitContact();
            contact.kind = kind;
            contact.code = code;
        }
        contact.name = name;
        contact.emails = emails.toArray(String[]::new);
        contact.updatedAt = clock.instant();
        contact.updatedBy = caller.person();
        if (created) {
            contact.persist();
        }
        return contact;
    }

    /** The unit codes of the agency as the plans held here list them. */
    private static Set<String> unitsOf(String agency) {
        String key = AgencyNames.key(agency);
        Set<String> codes = new HashSet<>();
        for (Plan plan : Plan.<Plan>listAll()) {
            if (key != null && key.equals(AgencyNames.key(plan.agencyName))) {
                codes.addAll(List.of(plan.agencyUnitCodes));
            }
        }
        return codes;
    }

    private static String blankToNull(String text) {
        return text == null || text.isBlank() ? null : text.strip();
    }
}
