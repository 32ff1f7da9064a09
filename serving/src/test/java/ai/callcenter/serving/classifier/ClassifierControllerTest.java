package ai.callcenter.serving.classifier;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import ai.callcenter.ml.model.Classified;
import ai.callcenter.ml.model.CrossLingual;
import ai.callcenter.ml.model.ModelMetadata;
import ai.callcenter.ml.model.TextClassifier;
import ai.callcenter.ml.testing.KeywordClassifier;
import ai.callcenter.serving.cache.InMemoryResultCache;
import ai.callcenter.serving.web.ProblemDetailsAdvice;
import ai.callcenter.serving.web.StrictRequestConfiguration;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.test.autoconfigure.web.servlet.WebMvcTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;

@WebMvcTest(controllers = ClassifierController.class,
        properties = {"callcenter.web.max-body-size=1KB", "callcenter.web.max-header-count=100"})
@Import({ProblemDetailsAdvice.class, StrictRequestConfiguration.class, ClassifierControllerTest.Wiring.class})
class ClassifierControllerTest {

    static final int MAX_TEXT = 50;
    static final int MAX_BATCH = 3;

    @SpringBootApplication
    static class App {
    }

    @TestConfiguration
    static class Wiring {
        @Bean
        KeywordClassifier keywordClassifier() {
            return new KeywordClassifier(List.of("printer", "network", "access"), "keyword-7");
        }

        @Bean
        LoadedModel loadedModel(KeywordClassifier classifier) {
            return LoadedModel.of(new TwoHeads(classifier));
        }

        @Bean
        PredictionService predictionService(LoadedModel model) {
            return new PredictionService(model, new InMemoryResultCache<>(100, Duration.ofMinutes(1)),
                    new PredictionMetrics(new SimpleMeterRegistry(), "keyword", "memory"),
                    new ServingProperties(MAX_TEXT, MAX_BATCH, 2), "test:");
        }
    }

    @Autowired
    MockMvc http;

    @Autowired
    KeywordClassifier classifier;

    @Test
    void predictsAndCachesByNormalisedText() throws Exception {
        http.perform(post("/predict").contentType(MediaType.APPLICATION_JSON)
                        .content("{\"text\":\"my   printer is jammed\",\"ticket_id\":\"T-1\"}"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.ticket_id").value("T-1"))
                .andExpect(jsonPath("$.category").value("printer"))
                .andExpect(jsonPath("$.confidence").value(0.9))
                .andExpect(jsonPath("$.top_k.length()").value(2))
                .andExpect(jsonPath("$.model_version").value("keyword-7"))
                .andExpect(jsonPath("$.processing_time").isNumber())
                .andExpect(jsonPath("$.cached").value(false))
                // a model without an out-of-scope detector (an old directory): never flagged, score null but present
                .andExpect(jsonPath("$.out_of_scope").value(false))
                .andExpect(jsonPath("$.oos_score").hasJsonPath())
                .andExpect(jsonPath("$.oos_score").isEmpty());
        int callsAfterFirst = classifier.calls();
        http.perform(post("/predict").contentType(MediaType.APPLICATION_JSON)
                        .content("{\"text\":\" my printer is jammed \"}"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.cached").value(true));
        assertThat(classifier.calls()).isEqualTo(callsAfterFirst);
    }

    @Test
    void batchAnswersEveryItemInOrder() throws Exception {
        http.perform(post("/predict/batch").contentType(MediaType.APPLICATION_JSON)
                        .content("{\"items\":[{\"text\":\"network down\",\"ticket_id\":\"a\"},{\"text\":\"need access\",\"ticket_id\":\"b\"}]}"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.items[0].ticket_id").value("a"))
                .andExpect(jsonPath("$.items[0].category").value("network"))
                .andExpect(jsonPath("$.items[1].category").value("access"))
                .andExpect(jsonPath("$.items[1].out_of_scope").value(false))
                .andExpect(jsonPath("$.items[1].oos_score").hasJsonPath())
                .andExpect(jsonPath("$.model_version").value("keyword-7"));
    }

    @Test
    void modelEndpointReturnsMetadata() throws Exception {
        http.perform(get("/model"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.version").value("keyword-7"))
                .andExpect(jsonPath("$.labels.length()").value(3))
                .andExpect(jsonPath("$.languages[0]").value("en"))
                .andExpect(jsonPath("$.cross_lingual.head").value(CrossLingual.HEAD))
                .andExpect(jsonPath("$.cross_lingual.languages[1]").value("es"));
    }

    @Test
    void aGivenLanguagePicksTheHeadAndKeepsItsOwnCacheEntry() throws Exception {
        String spanish = "{\"text\":\"printer broken again\",\"language\":\"es\"}";
        http.perform(post("/predict").contentType(MediaType.APPLICATION_JSON).content(spanish))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.head").value(CrossLingual.HEAD))
                .andExpect(jsonPath("$.cached").value(false));
        // the same text without a language (or in the training language) is the main head's, not the cached answer
        http.perform(post("/predict").contentType(MediaType.APPLICATION_JSON).content("{\"text\":\"printer broken again\"}"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.head").doesNotExist())
                .andExpect(jsonPath("$.cached").value(false));
        http.perform(post("/predict").contentType(MediaType.APPLICATION_JSON).content(spanish))
                .andExpect(jsonPath("$.head").value(CrossLingual.HEAD))
                .andExpect(jsonPath("$.cached").value(true));
        http.perform(post("/predict").contentType(MediaType.APPLICATION_JSON).content("{\"text\":\"x\",\"language\":\"ES\"}"))
                .andExpect(status().isBadRequest())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON));
    }

    /** The keyword model with a second head for every language but English, as the transformer's cross-lingual head. */
    record TwoHeads(KeywordClassifier main) implements TextClassifier {

        @Override
        public ModelMetadata metadata() {
            return main.metadata();
        }

        @Override
        public double[] predictProbabilities(String text) {
            return main.predictProbabilities(text);
        }

        @Override
        public List<Classified> classify(List<String> texts, List<String> languages) {
            List<Classified> answers = main.classify(texts);
            return java.util.stream.IntStream.range(0, texts.size())
                    .mapToObj(i -> headFor(languages.get(i)) == null ? answers.get(i) : answers.get(i).withHead(CrossLingual.HEAD))
                    .toList();
        }

        @Override
        public String normalizeForCache(String text) {
            return main.normalizeForCache(text);
        }

        @Override
        public String headFor(String language) {
            return language == null || "en".equals(language) ? null : CrossLingual.HEAD;
        }

        @Override
        public Optional<CrossLingual> crossLingual() {
            return Optional.of(new CrossLingual(CrossLingual.HEAD, "keywords-in-every-language", List.of("de", "es")));
        }
    }

    @Test
    void wrongTypesNullItemsAndMultipartAre4xxNot5xx() throws Exception {
        http.perform(post("/predict/batch").contentType(MediaType.APPLICATION_JSON).content("{\"items\":[null]}"))
                .andExpect(status().isBadRequest())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.detail").value("items[0]: items must not contain null"));
        http.perform(post("/predict").contentType(MediaType.APPLICATION_JSON).content("{\"text\":\"printer\",\"ticket_id\":7}"))
                .andExpect(status().isBadRequest());
        http.perform(post("/predict").contentType("multipart/form-data").content("{\"text\":\"0\"}"))
                .andExpect(status().isUnsupportedMediaType())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON));
    }

    @Test
    void blankTextIsA400Problem() throws Exception {
        http.perform(post("/predict").contentType(MediaType.APPLICATION_JSON).content("{\"text\":\"   \"}"))
                .andExpect(status().isBadRequest())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.detail").value("text: text must not be blank"));
    }

    @Test
    void tooLongTextIsA413ProblemThatDoesNotQuoteTheText() throws Exception {
        String secret = "x".repeat(MAX_TEXT) + "secret-value";
        http.perform(post("/predict").contentType(MediaType.APPLICATION_JSON).content("{\"text\":\"" + secret + "\"}"))
                .andExpect(status().isPayloadTooLarge())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.detail").value("text has " + secret.length() + " characters; the limit is " + MAX_TEXT))
                .andExpect(content().string(org.hamcrest.Matchers.not(org.hamcrest.Matchers.containsString("secret-value"))));
    }

    @Test
    void invalidJsonIsA400ProblemThatDoesNotEchoTheBody() throws Exception {
        http.perform(post("/predict").contentType(MediaType.APPLICATION_JSON).content("{\"text\": \"jane@example.com"))
                .andExpect(status().isBadRequest())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(content().string(org.hamcrest.Matchers.not(org.hamcrest.Matchers.containsString("jane@"))));
    }

    @Test
    void wrongContentTypeIsA415Problem() throws Exception {
        http.perform(post("/predict").contentType(MediaType.TEXT_PLAIN).content("printer"))
                .andExpect(status().isUnsupportedMediaType())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON));
    }

    @Test
    void oversizedOrInvalidBatchesAre4xxProblems() throws Exception {
        http.perform(post("/predict/batch").contentType(MediaType.APPLICATION_JSON)
                        .content("{\"items\":[{\"text\":\"a\"},{\"text\":\"b\"},{\"text\":\"c\"},{\"text\":\"d\"}]}"))
                .andExpect(status().isPayloadTooLarge())
                .andExpect(jsonPath("$.detail").value("a batch holds at most 3 items; got 4"));
        http.perform(post("/predict/batch").contentType(MediaType.APPLICATION_JSON).content("{\"items\":[]}"))
                .andExpect(status().isBadRequest());
        http.perform(post("/predict/batch").contentType(MediaType.APPLICATION_JSON)
                        .content("{\"items\":[{\"text\":\"ok\"},{\"text\":\"\"}]}"))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.detail").value("items[1].text: text must not be blank"));
    }

    @Test
    void bodiesThatAreNotExactlyOneUtf8JsonDocumentAre400Problems() throws Exception {
        for (String extra : new String[] {"garbage", "{\"text\":\"x\"}", "\u0000"}) {
            http.perform(post("/predict").contentType(MediaType.APPLICATION_JSON).content("{\"text\":\"printer\"}" + extra))
                    .andExpect(status().isBadRequest())
                    .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON));
        }
        http.perform(post("/predict").contentType(MediaType.APPLICATION_JSON).content("{\"text\":\"printer\",\"text\":\"network\"}"))
                .andExpect(status().isBadRequest());
        // overlong "/", an encoded surrogate, a code point above U+10FFFF: a strict decoder refuses all three
        for (byte[] bad : new byte[][] {{(byte) 0xC0, (byte) 0xAF}, {(byte) 0xED, (byte) 0xA0, (byte) 0x80},
                {(byte) 0xF4, (byte) 0x90, (byte) 0x80, (byte) 0x80}}) {
            byte[] body = concat("{\"text\":\"printer a".getBytes(java.nio.charset.StandardCharsets.UTF_8), bad,
                    "b\"}".getBytes(java.nio.charset.StandardCharsets.UTF_8));
            http.perform(post("/predict").contentType(MediaType.APPLICATION_JSON).content(body))
                    .andExpect(status().isBadRequest())
                    .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
                    .andExpect(jsonPath("$.detail").value("the request body is not valid UTF-8"));
        }
        http.perform(post("/predict").contentType(MediaType.APPLICATION_JSON)
                        .content("{\"text\":\"printer \uD83D\uDDA8 ü\"}".getBytes(java.nio.charset.StandardCharsets.UTF_8)))
                .andExpect(status().isOk());
    }

    @Test
    void aBodyOverTheSizeLimitIsA413ProblemBeforeParsing() throws Exception {
        String items = "{\"text\":\"a\"},".repeat(200);
        http.perform(post("/predict/batch").contentType(MediaType.APPLICATION_JSON).content("{\"items\":[" + items + "{\"text\":\"a\"}]}"))
                .andExpect(status().isPayloadTooLarge())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.detail").value("the request body is larger than 1024 bytes"));
    }

    @Test
    void anUnreadableAcceptHeaderIsA400ProblemAndErrorIsNotAnEndpoint() throws Exception {
        http.perform(post("/predict").contentType(MediaType.APPLICATION_JSON).header("Accept", "}{").content("{\"text\":\"printer\"}"))
                .andExpect(status().isBadRequest())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.detail").value("the Accept header could not be read"));
        http.perform(org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get("/error"))
                .andExpect(status().isNotFound())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON));
    }

    private static byte[] concat(byte[]... parts) {
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        for (byte[] part : parts) {
            out.writeBytes(part);
        }
        return out.toByteArray();
    }
}
