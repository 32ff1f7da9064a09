package ai.callcenter.serving.observability;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.SpringApplication;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.StandardEnvironment;

class ObservabilityTest {

    @Test
    void residentMemoryIsReadFromTheVmRssLineAndAbsentWithoutTheFile(@TempDir Path dir) throws IOException {
        Path status = dir.resolve("status");
        Files.writeString(status, "Name:\tjava\nVmPeak:\t 9000000 kB\nVmRSS:\t  123456 kB\nThreads:\t42\n");
        PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        new ResidentMemoryMetrics(status).bindTo(registry);
        assertThat(registry.scrape()).contains("# TYPE process_resident_memory_bytes gauge");
        assertThat(registry.get("process.resident.memory").gauge().value()).isEqualTo(123456.0 * 1024);

        SimpleMeterRegistry none = new SimpleMeterRegistry();
        new ResidentMemoryMetrics(dir.resolve("missing")).bindTo(none);
        assertThat(none.getMeters()).isEmpty();
    }

    @Test
    void buildInfoIsOneSeriesAtOneAndSaysUnknownWithoutTheFiles() {
        PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        new BuildInfoMetrics("0.1.0", "9b01fc7").bindTo(registry);
        assertThat(registry.scrape()).contains("callcenter_build_info{commit=\"9b01fc7\",version=\"0.1.0\"} 1");
        BuildInfoMetrics unknown = new BuildInfoMetrics(null, " ");
        assertThat(unknown.version()).isEqualTo(BuildInfoMetrics.UNKNOWN);
        assertThat(unknown.commit()).isEqualTo(BuildInfoMetrics.UNKNOWN);
    }

    @Test
    void otlpExportIsOnExactlyWhenAnEndpointIsGivenUnlessSetExplicitly() {
        assertThat(exportEnabled(Map.of())).isEqualTo("false");
        assertThat(exportEnabled(Map.of(OtlpExportSwitch.ENDPOINT, ""))).isEqualTo("false");
        assertThat(exportEnabled(Map.of(OtlpExportSwitch.ENDPOINT, "http://collector:4318/v1/traces"))).isEqualTo("true");
        assertThat(exportEnabled(Map.of(OtlpExportSwitch.ENDPOINT, "http://collector:4318/v1/traces",
                OtlpExportSwitch.EXPORT_ENABLED, "false"))).isEqualTo("false");
    }

    private static String exportEnabled(Map<String, Object> properties) {
        StandardEnvironment environment = new StandardEnvironment();
        environment.getPropertySources().addFirst(new MapPropertySource("test", properties));
        new OtlpExportSwitch().postProcessEnvironment(environment, new SpringApplication());
        return environment.getProperty(OtlpExportSwitch.EXPORT_ENABLED);
    }

    @Test
    void fractionsLandInTheirBucketsAndOtherRegistriesKeepCountAndSum() {
        PrometheusMeterRegistry prometheus = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        FixedBucketHistogram histogram = FixedBucketHistogram.register(prometheus, "score", "A score", new double[] {0.25, 0.5, 1.0},
                Tags.of("application", "test"));
        histogram.record(0.3);
        histogram.record(1.0);
        assertThat(prometheus.scrape()).contains("score_bucket{application=\"test\",le=\"0.25\"} 0",
                "score_bucket{application=\"test\",le=\"0.5\"} 1", "score_bucket{application=\"test\",le=\"1.0\"} 2",
                "score_bucket{application=\"test\",le=\"+Inf\"} 2", "score_count{application=\"test\"} 2");

        SimpleMeterRegistry simple = new SimpleMeterRegistry();
        FixedBucketHistogram.register(simple, "score", "A score", new double[] {0.5}, Tags.empty()).record(0.3);
        assertThat(simple.get("score").summary().count()).isEqualTo(1);
        assertThat(simple.get("score").summary().totalAmount()).isEqualTo(0.3);
    }
}
