package ai.callcenter.tools.routing;

import ai.callcenter.agent.AgentApplication;
import ai.callcenter.agent.downstream.ClassifierClient;
import ai.callcenter.agent.downstream.DownstreamException;
import ai.callcenter.agent.downstream.DownstreamProperties;
import ai.callcenter.agent.language.LanguageConfiguration;
import ai.callcenter.agent.language.LanguageDetector;
import ai.callcenter.agent.language.LanguageProperties;
import ai.callcenter.agent.pii.PiiProperties;
import ai.callcenter.agent.pii.PiiScrubber;
import ai.callcenter.agent.pii.PiiScrubbers;
import ai.callcenter.agent.routing.CascadePolicy;
import ai.callcenter.agent.routing.ComplexityFeatures;
import ai.callcenter.agent.routing.LanguageCoverage;
import ai.callcenter.api.ClassifierResponse;
import ai.callcenter.api.ModelInfo;
import ai.callcenter.api.PredictRequest;
import ai.callcenter.ml.dataset.Dataset;
import ai.callcenter.ml.dataset.LabeledText;
import ai.callcenter.serving.settings.ServiceSettings;
import ai.callcenter.tools.io.Console;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.springframework.web.client.RestClient;

/**
 * Labelled tickets as the running services see them behind the agent: each text scrubbed and its
 * language detected with the agent's own settings, then both classifier services asked in batches,
 * so the router is fitted on what it routes when serving.
 *
 * @param samples       one per ticket, in file order
 * @param scrubbedTexts the texts the services were sent
 * @param labelCount    categories of the first model
 */
record RoutingSamples(List<RoutingSample> samples, List<String> scrubbedTexts, int labelCount, ModelInfo first,
                      ModelInfo second) {

    /** The two services the agent calls, at the given URLs (null: the agent's configured ones). */
    record Services(ClassifierClient first, ClassifierClient second, int batchSize) {

        static Services of(String firstUrl, String secondUrl) {
            DownstreamProperties d = agentSettings().bind(DownstreamProperties.class);
            return new Services(new ClassifierClient(offline(d.tfidf(), firstUrl), d.modelInfoTtl(), RestClient.builder()),
                    new ClassifierClient(offline(d.transformer(), secondUrl), d.modelInfoTtl(), RestClient.builder()),
                    d.batchSize());
        }

        /**
         * Offline use: the given URL, and the patient batch timeout for every call (the serving
         * timeouts are tuned for hot services; a freshly started one answers its first calls slowly).
         */
        private static DownstreamProperties.Service offline(DownstreamProperties.Service s, String url) {
            return new DownstreamProperties.Service(s.name(), url == null ? s.url() : URI.create(url), true, s.connectTimeout(),
                    s.batchReadTimeout(), s.batchReadTimeout(), s.maxAttempts(), s.retryWait(), s.failureRateThreshold(),
                    s.slidingWindowSize(), s.minimumCalls(), s.openDuration());
        }
    }

    static ServiceSettings agentSettings() {
        return ServiceSettings.of(AgentApplication.class);
    }

    /** The agent's scrubber, configured as the service configures it (with its PII-models directory). */
    static PiiScrubber agentScrubber() {
        return PiiScrubbers.create(agentSettings().bind(PiiProperties.class));
    }

    static RoutingSamples collect(Dataset data, Services services, boolean needSecond, Console console) {
        ModelInfo firstInfo = services.first().modelInfo().orElseThrow(() -> new DownstreamException(services.first().name(),
                "GET /model failed; is the service running?", null));
        ModelInfo secondInfo = services.second().modelInfo().orElse(null);
        if (needSecond && secondInfo == null) {
            throw new DownstreamException(services.second().name(), "GET /model failed; is the service running?", null);
        }
        console.err().printf("loading the PII scrubber and the language detector ...%n");
        PiiScrubber scrubber = agentScrubber();
        LanguageDetector detector = LanguageConfiguration.detector(agentSettings().bind(LanguageProperties.class));
        List<String> texts = new ArrayList<>();
        List<String> languages = new ArrayList<>();
        for (LabeledText t : data.examples()) {
            String scrubbed = scrubber.scrub(t.text()).text();
            texts.add(scrubbed);
            languages.add(detector.detect(scrubbed).isoCode());
        }
        console.err().printf("%d tickets scrubbed; asking %s%s ...%n", texts.size(), services.first().name(),
                secondInfo == null ? "" : " and " + services.second().name());
        // with the language, as the agent asks: a model with a cross-lingual head answers other languages with it
        List<ClassifierResponse> firsts = inBatches(services.first(), texts, languages, services.batchSize(), console);
        List<ClassifierResponse> seconds = secondInfo == null ? null
                : inBatches(services.second(), texts, languages, services.batchSize(), console);
        List<RoutingSample> samples = new ArrayList<>();
        for (int i = 0; i < texts.size(); i++) {
            ClassifierResponse f = firsts.get(i);
            CascadePolicy.Decision languageRoute = LanguageCoverage.of(languages.get(i), services.first().name(),
                    Optional.of(firstInfo), services.second().name(), Optional.ofNullable(secondInfo)).decision().orElse(null);
            samples.add(new RoutingSample(data.examples().get(i).label(), languages.get(i),
                    ComplexityFeatures.of(texts.get(i), languages.get(i), null, f.oovRate()), f,
                    seconds == null ? null : seconds.get(i), languageRoute));
        }
        return new RoutingSamples(samples, texts, firstInfo.labels().size(), firstInfo, secondInfo);
    }

    private static List<ClassifierResponse> inBatches(ClassifierClient client, List<String> texts, List<String> languages,
                                                      int batchSize, Console console) {
        List<ClassifierResponse> out = new ArrayList<>(texts.size());
        for (int from = 0; from < texts.size(); from += batchSize) {
            List<PredictRequest> chunk = new ArrayList<>();
            for (int i = from; i < Math.min(texts.size(), from + batchSize); i++) {
                chunk.add(new PredictRequest(texts.get(i), null, "und".equals(languages.get(i)) ? null : languages.get(i)));
            }
            out.addAll(client.predictBatch(chunk));
            console.err().printf("  %s: %d/%d%n", client.name(), out.size(), texts.size());
        }
        return out;
    }
}
