package ai.callcenter.agent.routing;

import static org.assertj.core.api.Assertions.assertThat;

import ai.callcenter.agent.TestPiiModels;
import ai.callcenter.agent.arbitration.LlmArbiter;
import ai.callcenter.agent.cache.AnswerCache;
import ai.callcenter.agent.downstream.ClassifierClient;
import ai.callcenter.agent.downstream.Classifiers;
import ai.callcenter.agent.downstream.DownstreamProperties;
import ai.callcenter.agent.feedback.FeedbackProperties;
import ai.callcenter.agent.feedback.MemoryPerformanceStore;
import ai.callcenter.agent.feedback.PerformanceStore;
import ai.callcenter.agent.language.LanguageDetector;
import ai.callcenter.agent.metrics.AgentMetrics;
import ai.callcenter.agent.pii.PiiScrubber;
import ai.callcenter.agent.pii.PiiScrubbers;
import ai.callcenter.agent.statistics.PredictionStatistics;
import ai.callcenter.api.AgentResponse;
import ai.callcenter.api.PredictRequest;
import ai.callcenter.api.ScoredCategory;
import ai.callcenter.serving.cache.NoResultCache;
import ai.callcenter.testing.FakeClassifierServer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.web.client.RestClient;

/** How the triage path uses the LLM verdict: only on close calls, only scrubbed text, cascade answer kept on failure. */
class TriageLlmTest {

    static FakeClassifierServer tfidf;
    static FakeClassifierServer transformer;
    static PiiScrubber scrubber;
    static LanguageDetector languages;

    @BeforeAll
    static void start() throws IOException {
        tfidf = new FakeClassifierServer("t1", 0.95, 0.5, 0);
        transformer = new FakeClassifierServer("t2", 0.9, 0.9, 0);
        scrubber = PiiScrubbers.create(TestPiiModels.settings());
        languages = new LanguageDetector(List.of("ENGLISH", "GERMAN"), false, 0.0);
    }

    @AfterAll
    static void stop() {
        tfidf.close();
        transformer.close();
    }

    static ClassifierClient client(String name, String url) {
        return new ClassifierClient(new DownstreamProperties.Service(name, URI.create(url), true, Duration.ofSeconds(1),
                Duration.ofSeconds(2), Duration.ofSeconds(5), 1, Duration.ofMillis(5), 50, 10, 10, Duration.ofSeconds(10)),
                Duration.ofMinutes(1), RestClient.builder());
    }

    /** A scripted LLM: ambiguous when told, answers with the given verdict, records what it was shown. */
    static final class ScriptedLlm implements LlmArbiter {
        final boolean ambiguous;
        final Verdict verdict;
        final List<String> shown = new CopyOnWriteArrayList<>();

        ScriptedLlm(boolean ambiguous, Verdict verdict) {
            this.ambiguous = ambiguous;
            this.verdict = verdict;
        }

        @Override
        public Verdict choose(String scrubbedText, List<ScoredCategory> candidates) {
            shown.add(scrubbedText);
            return verdict;
        }

        @Override
        public boolean ambiguous(List<ScoredCategory> ranked) {
            return ambiguous;
        }
    }

    static TriageService triage(LlmArbiter llm) {
        CascadePolicy policy = new CascadePolicy(null, new RoutingProperties.Defaults(0.8, 0.5, Combiner.Rule.LINEAR, 0.5));
        Classifiers classifiers = new Classifiers(client("tfidf", tfidf.url()), client("transformer", transformer.url()));
        PerformanceStore performance = new MemoryPerformanceStore(
                new FeedbackProperties("memory", 100, Duration.ofHours(1), Duration.ofSeconds(1), 100));
        AgentMetrics metrics = new AgentMetrics(new SimpleMeterRegistry());
        Cascade cascade = new Cascade(classifiers, languages, performance, new RoutingProperties.TrustSettings(50, 0.02),
                metrics, 1000);
        AnswerAssembler assembler = new AnswerAssembler(classifiers, Optional.of(llm), metrics);
        return new TriageService(scrubber, new AnswerCache(new NoResultCache<>(), "agent:answer:"), cascade, assembler,
                classifiers, new FixedRouting(policy, "defaults"), performance, metrics, PredictionStatistics.OFF);
    }

    @Test
    void closeCallIsDecidedByTheLlmOnScrubbedText() {
        ScriptedLlm llm = new ScriptedLlm(true, new LlmArbiter.Verdict("card", "chosen"));
        AgentResponse r = triage(llm).predict(new PredictRequest("a refund, write to jane.doe@example.com", "x"));
        assertThat(r.category()).isEqualTo("card");
        assertThat(r.modelUsed()).isEqualTo("tfidf+transformer+llm");
        assertThat(r.confidence()).isEqualTo(r.topK().stream().filter(s -> s.category().equals("card")).findFirst()
                .orElseThrow().score());
        assertThat(llm.shown).singleElement().asString().contains("<EMAIL>").doesNotContain("jane.doe");
    }

    @Test
    void failedArbitrationKeepsTheCascadeAnswer() {
        ScriptedLlm llm = new ScriptedLlm(true, new LlmArbiter.Verdict(null, "garbage"));
        AgentResponse r = triage(llm).predict(new PredictRequest("a refund please", "y"));
        assertThat(r.category()).isEqualTo("refund");
        assertThat(r.modelUsed()).isEqualTo("tfidf+transformer");
        assertThat(r.routeReason()).contains("llm garbage");
        assertThat(r.degraded()).as("an unusable answer is not an outage").isFalse();
    }

    @Test
    void anLlmOutageKeepsTheCascadeAnswerFlaggedDegraded() {
        for (String outage : List.of(LlmArbiter.Verdict.ERROR, LlmArbiter.Verdict.CIRCUIT_OPEN)) {
            ScriptedLlm llm = new ScriptedLlm(true, new LlmArbiter.Verdict(null, outage));
            AgentResponse r = triage(llm).predict(new PredictRequest("a refund please", "w"));
            assertThat(r.category()).isEqualTo("refund");
            assertThat(r.modelUsed()).isEqualTo("tfidf+transformer");
            assertThat(r.degraded()).as(outage).isTrue();
            assertThat(r.routeReason()).contains("llm " + outage);
        }
    }

    @Test
    void clearAnswersNeverReachTheLlm() {
        ScriptedLlm llm = new ScriptedLlm(false, new LlmArbiter.Verdict("card", "chosen"));
        AgentResponse r = triage(llm).predict(new PredictRequest("clearly a refund", "z"));
        assertThat(r.category()).isEqualTo("refund");
        assertThat(llm.shown).isEmpty();
    }
}
