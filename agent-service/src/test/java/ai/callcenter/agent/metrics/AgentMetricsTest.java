package ai.callcenter.agent.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.Tags;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The agent's meters as Prometheus scrapes them (every dashboard and alert is checked against a real scrape in ObservabilityE2ETest). */
class AgentMetricsTest {

    /**
     * Micrometer's fixed-boundary histogram rounds every value up to a whole number before bucketing, so as a
     * Micrometer summary a confidence of 0.42 counted as 1 and only +Inf ever grew. Through the scrape: it lands in
     * le=0.5, not le=0.4, and the service's common tags are on the series.
     */
    @Test
    void aConfidenceLandsInItsOwnBucket() {
        PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        AgentMetrics metrics = new AgentMetrics(registry, Tags.of("application", "agent-service"), List.of(), List.of());
        metrics.answered("card", 0.42, false);
        String scrape = registry.scrape();

        Map<String, String> buckets = new LinkedHashMap<>();
        Matcher m = Pattern.compile("(?m)^agent_confidence_bucket\\{application=\"agent-service\",le=\"([^\"]+)\"} (\\S+)$")
                .matcher(scrape);
        while (m.find()) {
            buckets.put(m.group(1), m.group(2));
        }
        assertThat(buckets.keySet()).containsExactly("0.1", "0.2", "0.3", "0.4", "0.5", "0.6", "0.7", "0.8", "0.85", "0.9",
                "0.95", "0.99", "1.0", "+Inf");
        assertThat(buckets).containsEntry("0.4", "0").containsEntry("0.5", "1").containsEntry("1.0", "1").containsEntry("+Inf", "1");
        assertThat(scrape).contains("agent_confidence_count{application=\"agent-service\"} 1")
                .contains("agent_confidence_sum{application=\"agent-service\"} 0.42")
                .contains("# TYPE agent_confidence histogram");
    }

    @Test
    void closedLabelSetsAreThereBeforeTheFirstEvent() {
        PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        new AgentMetrics(registry, Tags.empty(), List.of("tfidf_unavailable", "transformer_unavailable"),
                List.of("chosen", "garbage", "error", "circuit_open"));
        assertThat(registry.scrape())
                .contains("agent_fallbacks_total{reason=\"tfidf_unavailable\"} 0.0", "agent_fallbacks_total{reason=\"transformer_unavailable\"} 0.0",
                        "agent_llm_calls_total{outcome=\"circuit_open\"} 0.0", "agent_cache_total{result=\"hit\"} 0.0",
                        "agent_cache_total{result=\"miss\"} 0.0", "agent_routing_ready 0.0");
    }
}
