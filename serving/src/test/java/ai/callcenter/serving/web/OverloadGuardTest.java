package ai.callcenter.serving.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import jakarta.servlet.FilterChain;
import jakarta.servlet.http.HttpServletResponse;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;

class OverloadGuardTest {

    private static final Duration NO_WAIT = Duration.ZERO;
    private static final Duration RETRY_AFTER = Duration.ofSeconds(2);

    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();

    /** A request the chain holds until released, as a slow ticket holds its place. */
    private final CountDownLatch entered = new CountDownLatch(1);
    private final CountDownLatch release = new CountDownLatch(1);
    private final FilterChain slowChain = (request, response) -> {
        entered.countDown();
        try {
            release.await(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        ((HttpServletResponse) response).setStatus(200);
    };

    @AfterEach
    void releaseHeldRequests() {
        release.countDown();
    }

    @Test
    void refusesARequestAboveTheLimitWithA503ProblemAndRetryAfter() throws Exception {
        OverloadGuard guard = new OverloadGuard(1, NO_WAIT, RETRY_AFTER, registry);
        CompletableFuture<MockHttpServletResponse> held = CompletableFuture.supplyAsync(() -> run(guard, post(), slowChain));
        assertThat(entered.await(5, TimeUnit.SECONDS)).isTrue();

        MockHttpServletResponse refused = run(guard, post(), (request, response) -> { });

        assertThat(refused.getStatus()).isEqualTo(503);
        assertThat(refused.getHeader("Retry-After")).isEqualTo("2");
        assertThat(refused.getContentType()).isEqualTo("application/problem+json");
        assertThat(refused.getContentAsString()).contains("\"status\":503").contains("\"instance\":\"/predict\"");
        assertThat(registry.get("callcenter.requests.shed").counter().count()).isEqualTo(1);

        release.countDown();
        assertThat(held.get(5, TimeUnit.SECONDS).getStatus()).isEqualTo(200);
        // the place is free again
        assertThat(run(guard, post(), (request, response) -> { }).getStatus()).isEqualTo(200);
    }

    @Test
    void aRequestAboveTheLimitWaitsForAPlaceFreedWithinTheWait() throws Exception {
        OverloadGuard guard = new OverloadGuard(1, Duration.ofSeconds(5), RETRY_AFTER, registry);
        CompletableFuture<MockHttpServletResponse> held = CompletableFuture.supplyAsync(() -> run(guard, post(), slowChain));
        assertThat(entered.await(5, TimeUnit.SECONDS)).isTrue();

        CompletableFuture<MockHttpServletResponse> waiting =
                CompletableFuture.supplyAsync(() -> run(guard, post(), (request, response) -> { }));
        release.countDown();

        assertThat(waiting.get(5, TimeUnit.SECONDS).getStatus()).isEqualTo(200);
        assertThat(held.get(5, TimeUnit.SECONDS).getStatus()).isEqualTo(200);
        assertThat(registry.get("callcenter.requests.shed").counter().count()).isZero();
    }

    @Test
    void readOnlyRequestsAreNeverCountedOrRefused() throws Exception {
        OverloadGuard guard = new OverloadGuard(1, NO_WAIT, RETRY_AFTER, registry);
        CompletableFuture<MockHttpServletResponse> held = CompletableFuture.supplyAsync(() -> run(guard, post(), slowChain));
        assertThat(entered.await(5, TimeUnit.SECONDS)).isTrue();

        MockHttpServletRequest get = new MockHttpServletRequest("GET", "/v3/api-docs");
        assertThat(run(guard, get, (request, response) -> { }).getStatus()).isEqualTo(200);

        release.countDown();
        held.get(5, TimeUnit.SECONDS);
    }

    @Test
    void aFailingRequestGivesItsPlaceBack() {
        OverloadGuard guard = new OverloadGuard(1, NO_WAIT, RETRY_AFTER, registry);
        FilterChain failing = (request, response) -> {
            throw new IllegalStateException("classifier failed");
        };
        try {
            run(guard, post(), failing);
        } catch (IllegalStateException expected) {
            // the service's error handling answers it
        }
        assertThat(run(guard, post(), (request, response) -> { }).getStatus()).isEqualTo(200);
    }

    private static MockHttpServletRequest post() {
        return new MockHttpServletRequest("POST", "/predict");
    }

    private static MockHttpServletResponse run(OverloadGuard guard, MockHttpServletRequest request, FilterChain chain) {
        MockHttpServletResponse response = new MockHttpServletResponse();
        try {
            guard.doFilter(request, response, chain);
        } catch (java.io.IOException | jakarta.servlet.ServletException e) {
            throw new IllegalStateException(e);
        }
        return response;
    }
}
