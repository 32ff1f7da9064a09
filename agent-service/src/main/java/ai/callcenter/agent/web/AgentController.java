package ai.callcenter.agent.web;

import ai.callcenter.agent.feedback.FeedbackService;
import ai.callcenter.agent.routing.TriageService;
import ai.callcenter.api.AgentBatchResponse;
import ai.callcenter.api.AgentResponse;
import ai.callcenter.api.BatchPredictRequest;
import ai.callcenter.api.FeedbackRequest;
import ai.callcenter.api.FeedbackResponse;
import ai.callcenter.api.PredictRequest;
import ai.callcenter.api.Problem;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import java.util.List;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

@RestController
@Tag(name = "agent", description = "Ticket triage front door: PII scrubbing, language detection, model routing")
public class AgentController {

    private final TriageService triage;
    private final FeedbackService feedback;
    private final RequestLimitsProperties limits;

    public AgentController(TriageService triage, FeedbackService feedback, RequestLimitsProperties limits) {
        this.triage = triage;
        this.feedback = feedback;
        this.limits = limits;
    }

    @Operation(summary = "Classify one ticket",
            description = "Scrubs personal data, detects the language and routes to tfidf, transformer or both. "
                    + "A classifier outage degrades the answer (degraded=true); 503 only when no classifier answers.")
    @PostMapping(path = "/predict", consumes = MediaType.APPLICATION_JSON_VALUE, produces = MediaType.APPLICATION_JSON_VALUE)
    public AgentResponse predict(@Valid @RequestBody PredictRequest request) {
        RequestLimits.check(request, "text", limits);
        return triage.predict(request);
    }

    @Operation(summary = "Classify several tickets", description = "Answers in request order.")
    @PostMapping(path = "/predict/batch", consumes = MediaType.APPLICATION_JSON_VALUE,
            produces = MediaType.APPLICATION_JSON_VALUE)
    public AgentBatchResponse predictBatch(@Valid @RequestBody BatchPredictRequest request) {
        RequestLimits.check(request, limits);
        long started = System.nanoTime();
        List<AgentResponse> items = triage.predictAll(request.items());
        return new AgentBatchResponse(items, (System.nanoTime() - started) / 1e9);
    }

    @Operation(summary = "Report the true category of an earlier ticket",
            description = "Updates rolling per-model, per-language accuracy used by routing.")
    // declared beside the 404, since springdoc then no longer infers the 200 from the return type
    @ApiResponse(responseCode = "200", description = "the outcome recorded for each model that answered the ticket",
            content = @Content(mediaType = MediaType.APPLICATION_JSON_VALUE, schema = @Schema(implementation = FeedbackResponse.class)))
    @ApiResponse(responseCode = "404", description = "no prediction with this ticket_id in the last 7 days",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @PostMapping(path = "/feedback", consumes = MediaType.APPLICATION_JSON_VALUE, produces = MediaType.APPLICATION_JSON_VALUE)
    public FeedbackResponse feedback(@Valid @RequestBody FeedbackRequest request) {
        return feedback.apply(request);
    }
}
