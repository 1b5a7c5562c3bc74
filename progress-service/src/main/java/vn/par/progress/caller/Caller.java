package vn.par.progress.caller;

/**
 * Who is calling, from the access token.
 *
 * @param person the account ({@code preferred_username}); recorded as the author of what it posts
 * @param unit   the unit the account belongs to ({@code unit} claim), null when the token has none
 * @param admin  whether the account may act on behalf of any unit
 */
public record Caller(String person, String unit, boolean admin) {
}
