package vn.par.infra.web;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a resource whose answers a person reads in the browser: its pages, and the downloads linked from them. What
 * it refuses is shown as a page in the service's layout ({@code vn.par.infra.problem.PageErrors}), not as the API's
 * problem+json, which a browser would show as raw text. A resource without it (the API, the pages' JSON and SSE
 * feeds) keeps problem+json.
 */
@Documented
@Inherited
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
public @interface PageResource {

    /** The words of the link under every error, back to the service's first page ({@code /}). */
    String home();

    /**
     * Who these pages are for, the first sentence of the 403 page an account without the role gets (the page adds
     * that this account may not open it).
     */
    String audience();
}
