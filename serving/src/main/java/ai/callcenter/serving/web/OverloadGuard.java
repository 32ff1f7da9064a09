package ai.callcenter.serving.web;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.springframework.core.Ordered;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Sheds load beyond what the service can answer in time: at most a fixed number of API requests are worked on at
 * once; a request that finds them all taken and no place freed within a short wait gets an immediate 503
 * problem+json with {@code Retry-After}, instead of queueing. Without it, a rate above capacity fills Tomcat's
 * threads and socket backlog, every request waits seconds, the callers time out and the service keeps working on
 * requests nobody waits for any more: measured, twice the agent's capacity answered one request in twenty
 * (docs/performance.md, "Above capacity"). With it, the service answers at its capacity and refuses the rest in
 * a fraction of a millisecond, which a client can retry or a load balancer send elsewhere.
 * <p>Every refusal counts in {@code callcenter_requests_shed_total}: a refused request has no handler, so
 * {@code http_server_requests} files it under {@code uri="UNKNOWN"}, not under the path it asked for.
 * <p>Only requests that do work are counted (not GET, HEAD or OPTIONS): the OpenAPI document and anything read-only
 * stays cheap, and the probes on the management port are never refused.
 */
public class OverloadGuard extends OncePerRequestFilter implements Ordered {

    /** After the observation and trace-id filters (a refusal is measured and traced), before the body is read. */
    static final int ORDER = RequestBodyGuard.ORDER - 1;

    private final Semaphore permits;
    private final long maxWaitNanos;
    private final String retryAfterSeconds;
    private final Counter shed;

    /**
     * @param maxConcurrentRequests API requests worked on at once
     * @param maxWait               how long a request waits for one of them to finish before it is refused
     * @param retryAfter            what the refusal tells the client to wait (whole seconds, at least 1)
     * @param registry              where the refusals are counted
     */
    public OverloadGuard(int maxConcurrentRequests, Duration maxWait, Duration retryAfter, MeterRegistry registry) {
        if (maxConcurrentRequests < 1) {
            throw new IllegalArgumentException("max-concurrent-requests must be at least 1, was " + maxConcurrentRequests);
        }
        this.permits = new Semaphore(maxConcurrentRequests);
        this.maxWaitNanos = maxWait.toNanos();
        this.retryAfterSeconds = String.valueOf(Math.max(1, retryAfter.toSeconds()));
        this.shed = Counter.builder("callcenter.requests.shed")
                .description("API requests refused with 503 because the service was working on as many as it may at once")
                .register(registry);
    }

    @Override
    public int getOrder() {
        return ORDER;
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        String method = request.getMethod();
        return "GET".equals(method) || "HEAD".equals(method) || "OPTIONS".equals(method);
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        if (!acquire()) {
            shed.increment();
            response.setHeader(HttpHeaders.RETRY_AFTER, retryAfterSeconds);
            ProblemResponses.write(request, response, HttpStatus.SERVICE_UNAVAILABLE,
                    "the service is answering as many requests as it can; retry after " + retryAfterSeconds + " s");
            return;
        }
        try {
            chain.doFilter(request, response);
        } finally {
            permits.release();
        }
    }

    private boolean acquire() {
        if (permits.tryAcquire()) {
            return true;
        }
        try {
            return maxWaitNanos > 0 && permits.tryAcquire(maxWaitNanos, TimeUnit.NANOSECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
