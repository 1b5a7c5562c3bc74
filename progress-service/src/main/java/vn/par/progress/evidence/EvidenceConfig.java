package vn.par.progress.evidence;

import io.quarkus.runtime.configuration.MemorySize;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Evidence files ({@code par.evidence.*}). */
@ConfigMapping(prefix = "par.evidence")
public interface EvidenceConfig {

    /**
     * The largest file accepted, measured on the bytes received (larger: 413). The HTTP server's body limit
     * ({@code quarkus.http.limits.max-body-size}) is set above it, so that such a file reaches the endpoint and gets
     * its problem rather than a closed connection.
     */
    @WithDefault("20M")
    MemorySize maxSize();
}
