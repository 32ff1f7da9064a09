package ai.callcenter.agent.statistics;

import ai.callcenter.mlflow.MlflowRest;
import ai.callcenter.mlflow.MlflowRuns;
import io.micrometer.core.instrument.MeterRegistry;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(StatisticsProperties.class)
public class StatisticsConfiguration {

    @Bean
    PredictionStatistics predictionStatistics(StatisticsProperties properties, MeterRegistry meters) {
        if (!properties.enabled()) {
            return PredictionStatistics.OFF;
        }
        Map<String, String> tags = new LinkedHashMap<>();
        // the pod name in Kubernetes: one run per agent instance
        tags.put("instance", instanceName() + " " + Instant.now());
        tags.put("service", "agent");
        return new StatisticsShipper(properties, new MlflowRuns(new MlflowRest(properties.trackingUri(), properties.requestTimeout())),
                Clock.systemUTC(), tags, meters);
    }

    private static String instanceName() {
        String host = System.getenv("HOSTNAME");
        if (host != null && !host.isBlank()) {
            return host;
        }
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            return "agent";
        }
    }
}
