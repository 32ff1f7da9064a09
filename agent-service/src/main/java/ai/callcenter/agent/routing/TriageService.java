package ai.callcenter.agent.routing;

import ai.callcenter.agent.cache.AnswerCache;
import ai.callcenter.agent.downstream.Classifiers;
import ai.callcenter.agent.feedback.PerformanceStore;
import ai.callcenter.agent.feedback.PredictionTrace;
import ai.callcenter.agent.metrics.AgentMetrics;
import ai.callcenter.agent.pii.PiiScrubber;
import ai.callcenter.agent.statistics.PredictionStatistics;
import ai.callcenter.api.AgentResponse;
import ai.callcenter.api.ModelInfo;
import ai.callcenter.api.PredictRequest;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The agent's request path, one step after the other: scrub personal data ({@link ScrubbedTicket}),
 * look the scrubbed text up in the answer cache (a hit, or a {@link PendingTicket}), run the
 * {@link Cascade} between the classifier services ({@link RoutedTicket}), assemble the answer
 * ({@link AnswerAssembler}), then record it (metrics, cache, the trace feedback is matched
 * against). Nothing after the first step sees the request's own text.
 */
public class TriageService {

    private final PiiScrubber scrubber;
    private final AnswerCache cache;
    private final Cascade cascade;
    private final AnswerAssembler assembler;
    private final Classifiers classifiers;
    private final RoutingPolicies policies;
    private final PerformanceStore performance;
    private final AgentMetrics metrics;
    private final PredictionStatistics statistics;

    TriageService(PiiScrubber scrubber, AnswerCache cache, Cascade cascade, AnswerAssembler assembler,
                  Classifiers classifiers, RoutingPolicies policies, PerformanceStore performance, AgentMetrics metrics,
                  PredictionStatistics statistics) {
        this.scrubber = scrubber;
        this.cache = cache;
        this.cascade = cascade;
        this.assembler = assembler;
        this.classifiers = classifiers;
        this.policies = policies;
        this.performance = performance;
        this.metrics = metrics;
        this.statistics = statistics;
    }

    public AgentResponse predict(PredictRequest request) {
        return predictAll(List.of(request)).get(0);
    }

    /** Answers in request order. */
    public List<AgentResponse> predictAll(List<PredictRequest> requests) {
        long started = System.nanoTime();
        AgentResponse[] answers = new AgentResponse[requests.size()];
        String[] routes = new String[requests.size()];
        // one routing for the whole request, even when a new version arrives meanwhile
        CascadePolicy policy = policies.current();
        List<PendingTicket> pending = lookUpCached(scrubAll(requests), answers, routes, policy);
        if (!pending.isEmpty()) {
            int labelCount = classifiers.labelCount();
            for (RoutedTicket routed : cascade.route(pending, policy)) {
                AnswerAssembler.Assembled assembled = assembler.assemble(routed, labelCount);
                record(routed, assembled);
                answers[routed.ticket().position()] = assembled.response();
                routes[routed.ticket().position()] = assembled.route();
            }
        }
        metrics.stage("total", System.nanoTime() - started);
        double elapsed = (System.nanoTime() - started) / 1e9;
        List<AgentResponse> out = new ArrayList<>(answers.length);
        for (int i = 0; i < answers.length; i++) {
            statistics.answered(answers[i], routes[i], elapsed);
            out.add(answers[i].withTicket(requests.get(i).ticketId(), elapsed, answers[i].cached()));
        }
        return out;
    }

    private List<ScrubbedTicket> scrubAll(List<PredictRequest> requests) {
        List<ScrubbedTicket> tickets = new ArrayList<>(requests.size());
        for (int i = 0; i < requests.size(); i++) {
            long started = System.nanoTime();
            ScrubbedTicket ticket = new ScrubbedTicket(i, requests.get(i), scrubber.scrub(requests.get(i).text()));
            metrics.stage("scrub", System.nanoTime() - started);
            ticket.scrub().types().forEach(type -> metrics.piiFound(type.name()));
            tickets.add(ticket);
        }
        return tickets;
    }

    /** Fills the cached answers in; returns the tickets still to classify. */
    private List<PendingTicket> lookUpCached(List<ScrubbedTicket> tickets, AgentResponse[] answers, String[] routes,
                                             CascadePolicy policy) {
        long started = System.nanoTime();
        Optional<String> versions = versions(policy);
        List<PendingTicket> pending = new ArrayList<>();
        for (ScrubbedTicket ticket : tickets) {
            // a language the caller gives can change the answer, so it is part of the key
            String language = ticket.request().language();
            Optional<String> key = versions.map(v -> cache.keyFor(language == null ? v : v + "|" + language, ticket.text()));
            Optional<AgentResponse> hit = key.flatMap(cache::get);
            key.ifPresent(k -> metrics.cache(hit.isPresent()));
            if (hit.isPresent()) {
                answers[ticket.position()] = hit.get().withTicket(null, 0, true);
                routes[ticket.position()] = AnswerAssembler.ROUTE_CACHE;
                metrics.request(AnswerAssembler.ROUTE_CACHE, hit.get().modelUsed(), hit.get().language());
                metrics.answeredFromCache(hit.get().category());
                // feedback on this ticket must find it; no model answered it, so none is judged by that feedback
                saveTrace(ticket.request().ticketId(), new PredictionTrace(hit.get().language(), Map.of(),
                        hit.get().category(), hit.get().modelUsed()));
            } else {
                pending.add(new PendingTicket(ticket, key));
            }
        }
        metrics.stage("cache", System.nanoTime() - started);
        return pending;
    }

    /** Everything an answer depends on; empty while the first model's version is unknown (no caching then). */
    private Optional<String> versions(CascadePolicy policy) {
        Optional<ModelInfo> first = classifiers.first().modelInfo();
        if (first.isEmpty()) {
            return Optional.empty();
        }
        String second = classifiers.second().modelInfo().map(ModelInfo::version).orElse("-");
        String routing = policy.fitted() ? String.valueOf(policy.fittedRouting().createdAt()) : "defaults";
        return Optional.of(first.get().version() + "|" + second + "|" + routing);
    }

    private void record(RoutedTicket routed, AnswerAssembler.Assembled assembled) {
        AgentResponse answer = assembled.response();
        metrics.request(assembled.route(), answer.modelUsed(), answer.language());
        metrics.answered(answer.category(), answer.confidence(), answer.needsReview());
        if (!answer.degraded()) {
            routed.pending().cacheKey().ifPresent(key -> cache.put(key, answer));
        }
        Map<String, String> byModel = new LinkedHashMap<>();
        routed.first().answered().ifPresent(r -> byModel.put(classifiers.first().name(), r.category()));
        routed.second().answered().ifPresent(r -> byModel.put(classifiers.second().name(), r.category()));
        saveTrace(routed.ticket().ticketId(), new PredictionTrace(answer.language(), byModel, answer.category(), answer.modelUsed()));
    }

    private void saveTrace(String ticketId, PredictionTrace trace) {
        if (ticketId != null && !ticketId.isBlank()) {
            performance.saveTrace(ticketId, trace);
        }
    }
}
