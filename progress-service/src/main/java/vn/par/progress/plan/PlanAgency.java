package vn.par.progress.plan;

import java.util.Set;

import vn.par.progress.caller.AgencyNames;

/**
 * The agency a plan belongs to, as its latest snapshot names it: enough to tell whether a caller belongs to it without
 * asking criteria-service.
 *
 * @param name      as the snapshot writes it, for messages
 * @param key       the name as {@link AgencyNames#key} compares it, to match an administrator's {@code agency} claim
 * @param unitCodes every unit code of the agency ({@code agency.unitCodes}; the plan's own units in a snapshot from
 *                  before it), to match a reporter's {@code unit} claim
 */
public record PlanAgency(String name, String key, Set<String> unitCodes) {

    public static PlanAgency of(String name, String[] unitCodes) {
        return new PlanAgency(name, AgencyNames.key(name), Set.of(unitCodes));
    }
}
