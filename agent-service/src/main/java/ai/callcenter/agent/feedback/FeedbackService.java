package ai.callcenter.agent.feedback;

import ai.callcenter.agent.metrics.AgentMetrics;
import ai.callcenter.agent.statistics.PredictionStatistics;
import ai.callcenter.api.FeedbackRequest;
import ai.callcenter.api.FeedbackResponse;
import ai.callcenter.serving.web.ProblemDetailsAdvice;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.web.ErrorResponseException;

/**
 * Applies a human agent's verdict: every model that answered the ticket gets a right/wrong
 * outcome under the ticket's language, and so does the agent's own final answer.
 */
public class FeedbackService {

    private final PerformanceStore store;
    private final AgentMetrics metrics;
    private final PredictionStatistics statistics;

    public FeedbackService(PerformanceStore store, AgentMetrics metrics, PredictionStatistics statistics) {
        this.store = store;
        this.metrics = metrics;
        this.statistics = statistics;
    }

    public FeedbackResponse apply(FeedbackRequest request) {
        PredictionTrace trace = store.trace(request.ticketId()).orElseThrow(() -> new ErrorResponseException(
                HttpStatus.NOT_FOUND, ProblemDetailsAdvice.problem(HttpStatus.NOT_FOUND, "Unknown ticket",
                "no recent prediction for this ticket_id (predictions are kept for a limited time)"), null));
        Map<String, Boolean> models = new LinkedHashMap<>();
        trace.modelCategories().forEach((model, category) -> {
            boolean correct = category.equals(request.category());
            store.recordOutcome(model, trace.language(), correct);
            metrics.feedback(model, trace.language(), correct);
            models.put(model, correct);
        });
        boolean correct = trace.finalCategory().equals(request.category());
        store.recordOutcome(PerformanceStore.AGENT, trace.language(), correct);
        metrics.feedback(PerformanceStore.AGENT, trace.language(), correct);
        statistics.feedback(correct);
        return new FeedbackResponse(request.ticketId(), correct, trace.language(), models);
    }
}
