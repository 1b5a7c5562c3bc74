package vn.par.progress.caller;

/**
 * Who is calling, from the access token.
 *
 * @param person    the account ({@code preferred_username}); recorded as the author of what it posts
 * @param unit      the unit the account belongs to ({@code unit} claim), null when the token has none
 * @param admin     whether the account may act on behalf of the units of the plans it administers
 * @param agency    an administrator's agency ({@code agency} claim, as {@link AgencyNames#clean} writes it), null for a
 *                  provincial administrator and for every other role
 * @param appraiser whether the account appraises for the Department of Home Affairs (Sở Nội vụ): it reads every agency
 * @param viewer    whether the account may read published plans, as it does today
 */
public record Caller(String person, String unit, boolean admin, String agency, boolean appraiser, boolean viewer) {

    /** A reporter (with a unit) or an administrator of every agency (without one); neither appraiser nor viewer. */
    public Caller(String person, String unit, boolean admin) {
        this(person, unit, admin, null, false, false);
    }

    /** An administrator without an {@code agency} claim: every agency, as before agencies were told apart. */
    public boolean provincialAdmin() {
        return admin && agency == null;
    }
}
