package ai.callcenter.agent.statistics;

import java.net.URI;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * {@code callcenter.statistics.*}: aggregated prediction statistics logged to MLflow.
 *
 * @param trackingUri    the MLflow server; blank turns the statistics off (nothing is aggregated)
 * @param experiment     where each agent instance keeps its run
 * @param window         how much traffic one logged step aggregates
 * @param queueCapacity  closed windows waiting for MLflow; beyond it new windows are dropped (and counted)
 * @param retryInterval  wait after a failed MLflow call before the next try
 * @param requestTimeout one MLflow call
 */
@ConfigurationProperties("callcenter.statistics")
public record StatisticsProperties(URI trackingUri, String experiment, Duration window, int queueCapacity,
                                   Duration retryInterval, Duration requestTimeout) {

    public boolean enabled() {
        return trackingUri != null && !trackingUri.toString().isBlank();
    }
}
