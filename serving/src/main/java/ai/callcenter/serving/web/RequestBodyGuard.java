package ai.callcenter.serving.web;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import org.springframework.core.Ordered;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.InvalidMediaTypeException;
import org.springframework.http.MediaType;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Refuses, before anything parses it, a request a JSON API must not read:
 * <ul>
 *   <li>a body larger than the configured size (413): a 50 MB batch of tiny items would otherwise become millions of
 *       objects, all validated, before the batch-size check could refuse it;</li>
 *   <li>a JSON body that is not valid UTF-8 (400): Jackson's decoder accepts overlong forms ({@code C0 AF} read as
 *       "/"), encoded surrogates and code points above U+10FFFF, which a strict decoder rejects;</li>
 *   <li>an Accept header that cannot be parsed (400): content negotiation would answer 406 with no body at all.</li>
 * </ul>
 * The body is read once, up to the limit, and handed on from memory.
 */
public class RequestBodyGuard extends OncePerRequestFilter implements Ordered {

    /** After the observation and trace-id filters, so a refusal is measured and carries its trace id. */
    static final int ORDER = Ordered.HIGHEST_PRECEDENCE + 10;

    private final long maxBodyBytes;

    public RequestBodyGuard(long maxBodyBytes) {
        this.maxBodyBytes = maxBodyBytes;
    }

    @Override
    public int getOrder() {
        return ORDER;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String accept = request.getHeader(HttpHeaders.ACCEPT);
        if (accept != null && !readable(accept)) {
            ProblemResponses.write(request, response, HttpStatus.BAD_REQUEST, "the Accept header could not be read");
            return;
        }
        if (!hasBody(request)) {
            chain.doFilter(request, response);
            return;
        }
        if (request.getContentLengthLong() > maxBodyBytes) {
            ProblemResponses.write(request, response, HttpStatus.PAYLOAD_TOO_LARGE, tooLarge());
            return;
        }
        byte[] body;
        try {
            body = request.getInputStream().readNBytes((int) Math.min(Integer.MAX_VALUE - 8, maxBodyBytes + 1));
        } catch (IOException e) {
            ProblemResponses.write(request, response, HttpStatus.BAD_REQUEST, "the request body could not be read");
            return;
        }
        if (body.length > maxBodyBytes) {
            ProblemResponses.write(request, response, HttpStatus.PAYLOAD_TOO_LARGE, tooLarge());
            return;
        }
        if (isJson(request) && !validUtf8(body)) {
            ProblemResponses.write(request, response, HttpStatus.BAD_REQUEST, "the request body is not valid UTF-8");
            return;
        }
        chain.doFilter(new BufferedBodyRequest(request, body), response);
    }

    private String tooLarge() {
        return "the request body is larger than " + maxBodyBytes + " bytes";
    }

    private static boolean readable(String accept) {
        try {
            MediaType.parseMediaTypes(accept);
            return true;
        } catch (InvalidMediaTypeException e) {
            return false;
        }
    }

    private static boolean hasBody(HttpServletRequest request) {
        return request.getContentLengthLong() > 0 || request.getHeader(HttpHeaders.TRANSFER_ENCODING) != null;
    }

    private static boolean isJson(HttpServletRequest request) {
        String type = request.getContentType();
        return type != null && type.toLowerCase(java.util.Locale.ROOT).contains("json");
    }

    static boolean validUtf8(byte[] bytes) {
        try {
            StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes));
            return true;
        } catch (CharacterCodingException e) {
            return false;
        }
    }

    /** The request with its body already read into memory. */
    private static final class BufferedBodyRequest extends HttpServletRequestWrapper {

        private final byte[] body;

        BufferedBodyRequest(HttpServletRequest request, byte[] body) {
            super(request);
            this.body = body;
        }

        @Override
        public ServletInputStream getInputStream() {
            InputStream in = new ByteArrayInputStream(body);
            return new ServletInputStream() {
                @Override
                public int read() throws IOException {
                    return in.read();
                }

                @Override
                public int read(byte[] buffer, int offset, int length) throws IOException {
                    return in.read(buffer, offset, length);
                }

                @Override
                public boolean isFinished() {
                    return false;
                }

                @Override
                public boolean isReady() {
                    return true;
                }

                @Override
                public void setReadListener(ReadListener listener) {
                    throw new UnsupportedOperationException("the body is already read");
                }
            };
        }

        @Override
        public BufferedReader getReader() {
            return new BufferedReader(new InputStreamReader(getInputStream(), StandardCharsets.UTF_8));
        }

        @Override
        public int getContentLength() {
            return body.length;
        }

        @Override
        public long getContentLengthLong() {
            return body.length;
        }
    }
}
