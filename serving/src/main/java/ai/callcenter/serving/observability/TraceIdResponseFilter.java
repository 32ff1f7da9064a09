package ai.callcenter.serving.observability;

import io.micrometer.tracing.Span;
import io.micrometer.tracing.Tracer;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.core.Ordered;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Puts the request's trace id in a response header ({@code X-Trace-Id}), so whoever holds a response
 * can find its log lines and spans in every service it crossed. It runs right after Spring Boot's
 * server observation filter (which opens the request's span, joining an incoming {@code traceparent})
 * and sets the header before the controller writes anything. Without tracing (tests that do not turn
 * it on) there is no trace id and no header.
 */
public class TraceIdResponseFilter extends OncePerRequestFilter implements Ordered {

    /** Spring Boot's ServerHttpObservationFilter runs at HIGHEST_PRECEDENCE + 1; the span must be open here. */
    static final int ORDER = Ordered.HIGHEST_PRECEDENCE + 2;

    private final Tracer tracer;
    private final String header;

    public TraceIdResponseFilter(Tracer tracer, String header) {
        this.tracer = tracer;
        this.header = header;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        Span span = tracer.currentSpan();
        if (span != null) {
            String traceId = span.context().traceId();
            if (traceId != null && !traceId.isBlank()) {
                response.setHeader(header, traceId);
            }
        }
        chain.doFilter(request, response);
    }

    @Override
    public int getOrder() {
        return ORDER;
    }
}
