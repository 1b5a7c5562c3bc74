package vn.par.infra.web;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Where each service's pages are, for the header that links them. Prefix {@code par.links}. */
@ConfigMapping(prefix = "par.links")
public interface Links {

    @WithDefault("http://localhost:8081")
    String criteria();

    @WithDefault("http://localhost:8082")
    String progress();

    @WithDefault("http://localhost:8083")
    String scoring();
}
