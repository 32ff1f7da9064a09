package ai.callcenter.agent.downstream;

import ai.callcenter.api.BatchPredictRequest;
import ai.callcenter.api.BatchPredictResponse;
import ai.callcenter.api.ClassifierResponse;
import ai.callcenter.api.ModelInfo;
import ai.callcenter.api.PredictRequest;
import io.github.resilience4j.circuitbreaker.CallNotPermittedException;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import io.github.resilience4j.retry.Retry;
import io.github.resilience4j.retry.RetryConfig;
import io.github.resilience4j.retry.RetryRegistry;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.MediaType;
import org.springframework.http.client.SimpleClientHttpRequestFactory;
import org.springframework.web.client.HttpClientErrorException;
import org.springframework.web.client.HttpServerErrorException;
import org.springframework.web.client.ResourceAccessException;
import org.springframework.web.client.RestClient;
import org.springframework.web.client.RestClientException;

/**
 * HTTP client of one classifier service. Every call runs inside a retry (timeouts, refused
 * connections and 5xx answers are retried; 4xx are not, they would fail again) around a circuit
 * breaker, so a service that keeps failing is skipped immediately instead of costing a timeout per
 * ticket. Only scrubbed text is ever sent; failures are logged without any ticket content.
 */
public class ClassifierClient {

    private static final Logger log = LoggerFactory.getLogger(ClassifierClient.class);

    private final DownstreamProperties.Service settings;
    private final RestClient single;
    private final RestClient batch;
    private final CircuitBreaker breaker;
    private final Retry retry;
    private final Duration modelInfoTtl;
    private volatile CachedInfo info = new CachedInfo(null, Long.MIN_VALUE / 2);

    /** The last model info (null if never fetched) and when it was last attempted, success or not. */
    private record CachedInfo(ModelInfo info, long attemptedAtNanos) {
    }

    /** With a breaker and a retry of its own, in no registry (the offline tools). */
    public ClassifierClient(DownstreamProperties.Service settings, Duration modelInfoTtl, RestClient.Builder builder) {
        this(settings, modelInfoTtl, builder, CircuitBreakerRegistry.ofDefaults(), RetryRegistry.ofDefaults());
    }

    /**
     * @param builder  the HTTP client builder; in the agent, Spring Boot's own, so every call is observed
     *                 (http_client_requests_seconds) and carries the request's trace (W3C traceparent)
     * @param breakers where the circuit breaker is created (named as the service), so the registry's meters see it
     * @param retries  likewise for the retry
     */
    public ClassifierClient(DownstreamProperties.Service settings, Duration modelInfoTtl, RestClient.Builder builder,
                            CircuitBreakerRegistry breakers, RetryRegistry retries) {
        this.settings = settings;
        this.modelInfoTtl = modelInfoTtl;
        this.single = builder.clone().baseUrl(settings.url().toString())
                .requestFactory(factory(settings.connectTimeout(), settings.readTimeout())).build();
        this.batch = builder.clone().baseUrl(settings.url().toString())
                .requestFactory(factory(settings.connectTimeout(), settings.batchReadTimeout())).build();
        this.breaker = breakers.circuitBreaker(settings.name(), CircuitBreakerConfig.custom()
                .slidingWindowType(CircuitBreakerConfig.SlidingWindowType.COUNT_BASED)
                .slidingWindowSize(settings.slidingWindowSize())
                .minimumNumberOfCalls(settings.minimumCalls())
                .failureRateThreshold(settings.failureRateThreshold())
                .waitDurationInOpenState(settings.openDuration())
                // A 4xx means the request was refused, not that the service is unhealthy.
                .ignoreExceptions(HttpClientErrorException.class)
                .build());
        this.retry = retries.retry(settings.name(), RetryConfig.custom()
                .maxAttempts(Math.max(1, settings.maxAttempts()))
                .waitDuration(settings.retryWait())
                .retryOnException(ClassifierClient::retryable)
                .build());
    }

    /**
     * Blocking HttpURLConnection (keep-alive pooled by the JDK): the calling thread does the I/O
     * itself. The JDK HttpClient hands every exchange between its selector and executor threads,
     * which measured about 2.5x slower per /predict on a busy 2-core host (mean tfidf stage 19 ms vs
     * 7.5 ms over 600 sequential requests, docs/routing.md).
     */
    private static SimpleClientHttpRequestFactory factory(Duration connectTimeout, Duration readTimeout) {
        SimpleClientHttpRequestFactory factory = new SimpleClientHttpRequestFactory();
        factory.setConnectTimeout(connectTimeout);
        factory.setReadTimeout(readTimeout);
        return factory;
    }

    static boolean retryable(Throwable e) {
        return e instanceof ResourceAccessException || e instanceof HttpServerErrorException;
    }

    public String name() {
        return settings.name();
    }

    public boolean enabled() {
        return settings.enabled();
    }

    public CircuitBreaker circuitBreaker() {
        return breaker;
    }

    /** One ticket; throws {@link DownstreamException} when the service cannot answer. */
    public ClassifierResponse predict(String scrubbedText, String ticketId) {
        return predict(new PredictRequest(scrubbedText, ticketId));
    }

    /** One ticket, with its language when known; throws {@link DownstreamException} when the service cannot answer. */
    public ClassifierResponse predict(PredictRequest body) {
        return call(() -> single.post().uri("/predict").contentType(MediaType.APPLICATION_JSON).body(body)
                .retrieve().body(ClassifierResponse.class));
    }

    /** Several tickets in one call, answers in request order. */
    public List<ClassifierResponse> predictBatch(List<PredictRequest> items) {
        BatchPredictResponse answer = call(() -> batch.post().uri("/predict/batch").contentType(MediaType.APPLICATION_JSON)
                .body(new BatchPredictRequest(items)).retrieve().body(BatchPredictResponse.class));
        if (answer == null || answer.items() == null || answer.items().size() != items.size()) {
            throw new DownstreamException(name(), "batch answer does not match the request size", null);
        }
        return answer.items();
    }

    /**
     * Version and labels of the served model, re-read at most once per {@code modelInfoTtl} (a failed
     * attempt waits as long, so an unreachable service costs one timeout per TTL, not per ticket);
     * the last known answer, or empty when never reached.
     */
    public Optional<ModelInfo> modelInfo() {
        CachedInfo cached = info;
        long now = System.nanoTime();
        if (!enabled() || now - cached.attemptedAtNanos() < modelInfoTtl.toNanos()) {
            return Optional.ofNullable(cached.info());
        }
        info = new CachedInfo(cached.info(), now);
        try {
            ModelInfo fetched = breaker.executeSupplier(() -> single.get().uri("/model").retrieve().body(ModelInfo.class));
            if (fetched != null) {
                info = new CachedInfo(fetched, now);
                return Optional.of(fetched);
            }
        } catch (RuntimeException e) {
            log.debug("{}: model info unavailable: {}", name(), e.getClass().getSimpleName());
        }
        return Optional.ofNullable(cached.info());
    }

    private <T> T call(Supplier<T> request) {
        if (!enabled()) {
            throw new DownstreamException(name(), "disabled by configuration", null);
        }
        try {
            T result = Retry.decorateSupplier(retry, CircuitBreaker.decorateSupplier(breaker, request)).get();
            if (result == null) {
                throw new DownstreamException(name(), "empty answer", null);
            }
            return result;
        } catch (CallNotPermittedException e) {
            throw new DownstreamException(name(), "circuit open", e);
        } catch (HttpClientErrorException e) {
            // The status only: the error body of a classifier never quotes text, but keep logs minimal anyway.
            throw new DownstreamException(name(), "rejected the request with " + e.getStatusCode().value(), e);
        } catch (RestClientException e) {
            log.warn("{} call failed: {} ({})", name(), e.getClass().getSimpleName(),
                    e.getMostSpecificCause().getClass().getSimpleName());
            throw new DownstreamException(name(), "unavailable (" + e.getClass().getSimpleName() + ")", e);
        }
    }
}
