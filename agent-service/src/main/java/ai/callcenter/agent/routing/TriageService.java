package ai.callcenter.agent.routing;

import ai.callcenter.agent.api.AgentResponse;
import ai.callcenter.agent.downstream.ClassifierClient;
import ai.callcenter.agent.downstream.DownstreamException;
import ai.callcenter.agent.downstream.ModelInfo;
import ai.callcenter.agent.feedback.PerformanceStore;
import ai.callcenter.agent.feedback.PredictionTrace;
import ai.callcenter.agent.language.LanguageDetector;
import ai.callcenter.agent.llm.LlmRouter;
import ai.callcenter.agent.metrics.AgentMetrics;
import ai.callcenter.agent.pii.PiiScrubber;
import ai.callcenter.agent.pii.PiiType;
import ai.callcenter.agent.pii.ScrubResult;
import ai.callcenter.common.api.ClassifierResponse;
import ai.callcenter.common.api.PredictRequest;
import ai.callcenter.common.api.ScoredCategory;
import ai.callcenter.common.serving.cache.CacheKeys;
import ai.callcenter.common.serving.cache.ResultCache;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * The agent's request path: scrub personal data, look up the answer cache, ask the first model
 * while detecting the language, let the cascade policy (and feedback trust) decide whether to consult the
 * second model, pool both answers, optionally let the LLM arbitrate a close call, flag low confidence for
 * review. Everything after scrubbing sees only the scrubbed text. A failing classifier degrades
 * the answer instead of failing the request; only when no classifier answers is it a 503.
 */
public class TriageService {

    static final String ROUTE_FIRST = "first";
    static final String ROUTE_CASCADE = "cascade";
    static final String ROUTE_SECOND = "second";
    static final String ROUTE_CACHE = "cache";

    private final PiiScrubber scrubber;
    private final LanguageDetector languages;
    private final ClassifierClient first;
    private final ClassifierClient second;
    private final CascadePolicy policy;
    private final PerformanceStore performance;
    private final ResultCache<AgentResponse> cache;
    private final AgentMetrics metrics;
    private final LlmRouter llm;
    private final RoutingProperties properties;
    private final String cachePrefix;
    private final int downstreamBatchSize;
    private final ExecutorService firstModelCalls = Executors.newCachedThreadPool(runnable -> {
        Thread thread = new Thread(runnable, "first-model-call");
        thread.setDaemon(true);
        return thread;
    });

    /** Per-ticket state while a request is processed. */
    private static final class Work {
        final PredictRequest request;
        final ScrubResult scrub;
        String language;
        String cacheKey;
        boolean fromCache;
        AgentResponse answer;
        ClassifierResponse firstAnswer;
        ClassifierResponse secondAnswer;
        CascadePolicy.Decision decision;

        Work(PredictRequest request, ScrubResult scrub) {
            this.request = request;
            this.scrub = scrub;
        }
    }

    public TriageService(PiiScrubber scrubber, LanguageDetector languages, ClassifierClient first, ClassifierClient second,
                         CascadePolicy policy, PerformanceStore performance, ResultCache<AgentResponse> cache, AgentMetrics metrics,
                         LlmRouter llm, RoutingProperties properties, String cachePrefix, int downstreamBatchSize) {
        this.scrubber = scrubber;
        this.languages = languages;
        this.first = first;
        this.second = second;
        this.policy = policy;
        this.performance = performance;
        this.cache = cache;
        this.metrics = metrics;
        this.llm = llm;
        this.properties = properties;
        this.cachePrefix = cachePrefix;
        this.downstreamBatchSize = downstreamBatchSize;
    }

    public CascadePolicy policy() {
        return policy;
    }

    public AgentResponse predict(PredictRequest request) {
        return predictAll(List.of(request)).get(0);
    }

    public List<AgentResponse> predictAll(List<PredictRequest> requests) {
        long started = System.nanoTime();
        List<Work> work = new ArrayList<>(requests.size());
        for (PredictRequest r : requests) {
            long t = System.nanoTime();
            ScrubResult scrub = scrubber.scrub(r.text());
            metrics.stage("scrub", System.nanoTime() - t);
            scrub.types().forEach(type -> metrics.piiFound(type.name()));
            work.add(new Work(r, scrub));
        }

        String versions = versionTag();
        List<Work> pending = new ArrayList<>();
        long t = System.nanoTime();
        for (Work w : work) {
            if (versions != null) {
                w.cacheKey = CacheKeys.of(cachePrefix, CacheKeys.sha256Hex(versions).substring(0, 16), w.scrub.text());
                Optional<AgentResponse> hit = cache.get(w.cacheKey);
                metrics.cache(hit.isPresent());
                if (hit.isPresent()) {
                    w.answer = hit.get();
                    w.language = hit.get().language();
                    w.fromCache = true;
                    metrics.request(ROUTE_CACHE, hit.get().modelUsed(), w.language);
                    continue;
                }
            }
            pending.add(w);
        }
        metrics.stage("cache", System.nanoTime() - t);

        if (!pending.isEmpty()) {
            route(pending);
        }
        double elapsed = (System.nanoTime() - started) / 1e9;
        metrics.stage("total", System.nanoTime() - started);
        List<AgentResponse> out = new ArrayList<>(work.size());
        for (Work w : work) {
            out.add(w.answer.withTicket(w.request.ticketId(), elapsed, w.fromCache));
        }
        return out;
    }

    /** Identifies everything an answer depends on; null when the first model's version is unknown (no caching then). */
    private String versionTag() {
        Optional<ModelInfo> f = first.modelInfo();
        if (f.isEmpty()) {
            return null;
        }
        String s = second.modelInfo().map(ModelInfo::version).orElse("-");
        String c = policy.fitted() ? String.valueOf(policy.config().createdAt()) : "defaults";
        return f.get().version() + "|" + s + "|" + c;
    }

    private void route(List<Work> pending) {
        // The first model does not need the language: ask it while the language is being detected.
        CompletableFuture<List<ClassifierResponse>> firstCall = CompletableFuture.supplyAsync(() -> {
            long started = System.nanoTime();
            List<ClassifierResponse> answers = call(first, pending);
            metrics.stage(first.name(), System.nanoTime() - started);
            return answers;
        }, firstModelCalls);
        long t = System.nanoTime();
        for (Work w : pending) {
            w.language = languages.detect(w.scrub.text()).isoCode();
        }
        metrics.stage("language", System.nanoTime() - t);
        List<ClassifierResponse> firsts;
        try {
            firsts = firstCall.join();
        } catch (CompletionException e) {
            throw e.getCause() instanceof RuntimeException cause ? cause : e;
        }
        if (firsts == null) {
            metrics.fallback(first.name() + "_unavailable");
        }
        int labelCount = first.modelInfo().map(i -> i.labels().size())
                .or(() -> second.modelInfo().map(i -> i.labels().size())).orElse(0);

        List<Work> escalate = new ArrayList<>();
        for (int i = 0; i < pending.size(); i++) {
            Work w = pending.get(i);
            if (firsts == null) {
                w.decision = new CascadePolicy.Decision(true, true, "fallback", first.name() + " unavailable: "
                        + second.name() + " only");
            } else {
                w.firstAnswer = firsts.get(i);
                ComplexityFeatures features = ComplexityFeatures.of(w.scrub.text(), w.language, policy.trainingLanguage(),
                        w.firstAnswer.oovRate());
                Trust trust = Trust.judge(performance.accuracy(first.name(), w.language),
                        performance.accuracy(second.name(), w.language), properties.trust(), first.name(), second.name(),
                        w.language);
                w.decision = policy.decide(w.language, features, w.firstAnswer.confidence(), trust);
            }
            if (w.decision.consultSecond()) {
                escalate.add(w);
            }
        }
        if (!escalate.isEmpty()) {
            t = System.nanoTime();
            List<ClassifierResponse> seconds = call(second, escalate);
            metrics.stage(second.name(), System.nanoTime() - t);
            if (seconds == null) {
                if (firsts == null) {
                    throw new ClassifiersUnavailableException("neither " + first.name() + " nor " + second.name()
                            + " could classify the ticket; retry later");
                }
                metrics.fallback(second.name() + "_unavailable");
            } else {
                for (int i = 0; i < escalate.size(); i++) {
                    escalate.get(i).secondAnswer = seconds.get(i);
                }
            }
        }
        for (Work w : pending) {
            finish(w, labelCount);
        }
    }

    private void finish(Work w, int labelCount) {
        String reason = w.decision.reason();
        String route;
        String modelUsed;
        boolean degraded = false;
        List<ScoredCategory> ranked;
        if (w.firstAnswer != null && w.secondAnswer == null) {
            ranked = ranked(w.firstAnswer);
            modelUsed = first.name();
            route = ROUTE_FIRST;
            if (w.decision.consultSecond()) {
                degraded = true;
                reason = reason + "; " + second.name() + " unavailable, " + first.name() + " answer used";
            }
        } else if (w.firstAnswer == null || w.decision.secondOnly()) {
            ranked = ranked(w.secondAnswer);
            modelUsed = second.name();
            route = ROUTE_SECOND;
            degraded = w.firstAnswer == null;
        } else {
            ranked = Combiner.combine(w.firstAnswer.topK(), w.secondAnswer.topK(), policy.pooling(), labelCount);
            modelUsed = first.name() + "+" + second.name();
            route = ROUTE_CASCADE;
        }
        int topK = Math.max(w.firstAnswer == null ? 0 : w.firstAnswer.topK().size(),
                w.secondAnswer == null ? 0 : w.secondAnswer.topK().size());
        ranked = ranked.subList(0, Math.min(ranked.size(), Math.max(1, topK)));
        String category = ranked.get(0).category();
        double confidence = ranked.get(0).score();

        if (llm != null && llm.ambiguous(ranked)) {
            long t = System.nanoTime();
            LlmRouter.Verdict verdict = llm.choose(w.scrub.text(), ranked);
            metrics.stage("llm", System.nanoTime() - t);
            metrics.llm(verdict.outcome());
            if (verdict.chosen()) {
                category = verdict.category();
                String chosen = category;
                confidence = ranked.stream().filter(s -> s.category().equals(chosen)).findFirst().orElseThrow().score();
                modelUsed = modelUsed + "+llm";
                reason = reason + "; close call, llm chose";
            } else {
                reason = reason + "; close call, llm " + verdict.outcome() + ", kept the cascade answer";
            }
        }
        boolean review = confidence < policy.reviewThreshold();
        List<String> piiTypes = w.scrub.types().stream().map(PiiType::name).sorted().toList();
        w.answer = new AgentResponse(null, category, confidence, modelUsed, 0, w.language, piiTypes, reason, review,
                degraded, false, ranked);
        metrics.request(route, modelUsed, w.language);
        metrics.answered(confidence, review);
        if (!degraded && w.cacheKey != null) {
            cache.put(w.cacheKey, w.answer);
        }
        if (w.request.ticketId() != null && !w.request.ticketId().isBlank()) {
            Map<String, String> byModel = new LinkedHashMap<>();
            if (w.firstAnswer != null) {
                byModel.put(first.name(), w.firstAnswer.category());
            }
            if (w.secondAnswer != null) {
                byModel.put(second.name(), w.secondAnswer.category());
            }
            performance.saveTrace(w.request.ticketId(), new PredictionTrace(w.language, byModel, category, modelUsed));
        }
    }

    private static List<ScoredCategory> ranked(ClassifierResponse p) {
        if (p.topK().isEmpty()) {
            return List.of(new ScoredCategory(p.category(), p.confidence()));
        }
        return p.topK();
    }

    /** Answers in order, or null when the service could not answer. */
    private List<ClassifierResponse> call(ClassifierClient client, List<Work> items) {
        try {
            if (items.size() == 1) {
                Work w = items.get(0);
                return List.of(client.predict(w.scrub.text(), w.request.ticketId()));
            }
            List<ClassifierResponse> out = new ArrayList<>(items.size());
            for (int from = 0; from < items.size(); from += downstreamBatchSize) {
                List<PredictRequest> chunk = items.subList(from, Math.min(items.size(), from + downstreamBatchSize)).stream()
                        .map(w -> new PredictRequest(w.scrub.text(), w.request.ticketId())).toList();
                out.addAll(client.predictBatch(chunk));
            }
            return out;
        } catch (DownstreamException e) {
            return null;
        }
    }
}
