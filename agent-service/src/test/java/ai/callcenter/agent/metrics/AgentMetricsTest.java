package ai.callcenter.agent.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The dashboards and alert rules SREs watch (infrastructure/monitoring) may only name agent metrics
 * that the agent exports: an alert on a misspelt metric never fires and a panel on one stays empty.
 */
class AgentMetricsTest {

    private static final Path MONITORING = Path.of("..", "infrastructure", "monitoring");
    private static final Pattern AGENT_METRIC = Pattern.compile("\\b(callcenter_)?agent_[a-z_]+");

    @Test
    void everyAgentMetricInTheDashboardsAndAlertsIsExported() throws IOException {
        PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        AgentMetrics metrics = new AgentMetrics(registry);
        metrics.request("first", "tfidf", "en");
        metrics.stage("scrub", 1_000_000);
        metrics.piiFound("EMAIL");
        metrics.cache(true);
        metrics.fallback("transformer_unavailable");
        metrics.answered(0.4, true);
        metrics.llm("ok");
        metrics.feedback("tfidf", "en", true);
        metrics.piiNameModels(true);
        String scrape = registry.scrape();

        Set<String> used = new TreeSet<>();
        try (Stream<Path> files = Files.walk(MONITORING)) {
            for (Path f : files.filter(p -> p.toString().endsWith(".json") || p.toString().endsWith(".yml")).toList()) {
                Matcher m = AGENT_METRIC.matcher(Files.readString(f));
                while (m.find()) {
                    used.add(m.group());
                }
            }
        }
        assertThat(used).as("agent metrics used in %s", MONITORING).isNotEmpty();
        for (String name : used) {
            assertThat(scrape).as("exported: " + name).containsPattern("(?m)^" + name + "[{ ]");
        }
    }
}
