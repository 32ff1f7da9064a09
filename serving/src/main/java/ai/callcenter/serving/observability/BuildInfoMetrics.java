package ai.callcenter.serving.observability;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;

/**
 * {@code callcenter_build_info{version, commit} 1}: which build runs, as a series a dashboard can join
 * on (a rollout shows as two versions side by side). Version and commit come from the
 * {@code build-info.properties} and {@code git.properties} the Maven build packages.
 */
public class BuildInfoMetrics implements MeterBinder {

    /** The label value when the jar was built without the file (an IDE run, a source tarball without .git). */
    public static final String UNKNOWN = "unknown";

    private final String version;
    private final String commit;

    public BuildInfoMetrics(String version, String commit) {
        this.version = blankToUnknown(version);
        this.commit = blankToUnknown(commit);
    }

    @Override
    public void bindTo(MeterRegistry registry) {
        Gauge.builder("callcenter.build.info", () -> 1)
                .description("The build that runs (value 1): Maven version and git commit")
                .tag("version", version)
                .tag("commit", commit)
                .register(registry);
    }

    public String version() {
        return version;
    }

    public String commit() {
        return commit;
    }

    private static String blankToUnknown(String value) {
        return value == null || value.isBlank() ? UNKNOWN : value;
    }
}
