package vn.par.infra.web;

import java.security.Principal;
import java.util.Set;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Named;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.jwt.JsonWebToken;

import io.quarkus.csrf.reactive.runtime.CsrfTokenParameterProvider;
import io.quarkus.qute.RawString;
import io.quarkus.security.identity.SecurityIdentity;

/**
 * The header every page of the three services shares: links to the dashboard, the plan administration and the
 * unit portal, who is signed in with their unit, and the sign-out button (a form posting to {@link SignOut} with the
 * page's CSRF token). Templates use {@code {inject:chrome.header}}.
 */
@Named("chrome")
@RequestScoped
public class PageChrome {

    private final SecurityIdentity identity;
    private final Links links;
    private final String application;
    private final CsrfTokenParameterProvider csrf;

    public PageChrome(SecurityIdentity identity, Links links,
            @ConfigProperty(name = "quarkus.application.name") String application, CsrfTokenParameterProvider csrf) {
        this.identity = identity;
        this.links = links;
        this.application = application;
        this.csrf = csrf;
    }

    /** The signed-in person's display name (Keycloak's {@code name}, else the user name). */
    public String person() {
        String name = claim("name");
        return name == null || name.isBlank() ? identity.getPrincipal().getName() : name;
    }

    /** The signed-in person's unit code (the token's {@code unit} claim), or null. */
    public String unit() {
        return claim("unit");
    }

    public boolean hasRole(String role) {
        return identity.hasRole(role);
    }

    public RawString header() {
        StringBuilder h = new StringBuilder(1024);
        h.append("<header class=\"par-header\"><a class=\"par-brand\" href=\"").append(Html.escape(links.scoring()))
                .append("/\">Chỉ số CCHC</a><nav class=\"par-nav\">");
        link(h, links.scoring(), "scoring-service", "Bảng điều hành", Set.of("viewer", "reporter", "admin", "appraiser"));
        link(h, links.criteria(), "criteria-service", "Quản trị kế hoạch", Set.of("admin"));
        link(h, links.progress(), "progress-service", "Cổng đơn vị", Set.of("reporter", "admin"));
        // progress-service sends an appraiser's "/" on to its appraisal pages.
        link(h, links.progress(), "progress-service", "Thẩm định", Set.of("appraiser"));
        h.append("</nav><div class=\"par-who\">");
        if (!identity.isAnonymous()) {
            h.append("<span class=\"par-person\">").append(Html.escape(person())).append("</span>");
            String unit = unit();
            if (unit != null) {
                h.append("<span class=\"par-unit\">").append(Html.escape(unit)).append("</span>");
            }
            signOut(h);
        }
        h.append("</div></header>");
        return new RawString(h.toString());
    }

    /**
     * The sign-out button: a form posting to {@link SignOut} with the page's CSRF token. A page rendered for a refusal
     * met before the CSRF filter ran (a 403 page) has no token: it links to the sign-out page, whose form has one.
     */
    private void signOut(StringBuilder h) {
        String token;
        try {
            token = csrf.getToken();
        } catch (IllegalStateException noTokenForThisRequest) {
            h.append("<a class=\"par-logout\" href=\"/ui/logout\">Đăng xuất</a>");
            return;
        }
        h.append("<form class=\"par-logout\" method=\"post\" action=\"/ui/logout\"><input type=\"hidden\" name=\"")
                .append(Html.escape(csrf.getParameterName())).append("\" value=\"").append(Html.escape(token))
                .append("\"><button type=\"submit\">Đăng xuất</button></form>");
    }

    private void link(StringBuilder h, String base, String service, String label, Set<String> roles) {
        if (roles.stream().noneMatch(identity::hasRole)) {
            return;
        }
        h.append("<a href=\"").append(Html.escape(base)).append("/\"")
                .append(service.equals(application) ? " class=\"par-current\" aria-current=\"page\"" : "")
                .append('>').append(label).append("</a>");
    }

    private String claim(String name) {
        Principal p = identity.getPrincipal();
        if (p instanceof JsonWebToken jwt) {
            Object value = jwt.getClaim(name);
            return value == null ? null : value.toString().replaceAll("^\"|\"$", "");
        }
        return null;
    }
}
