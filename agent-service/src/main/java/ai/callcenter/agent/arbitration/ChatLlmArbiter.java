package ai.callcenter.agent.arbitration;

import ai.callcenter.api.ScoredCategory;
import dev.langchain4j.data.message.SystemMessage;
import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.openai.OpenAiChatModel;
import io.github.resilience4j.circuitbreaker.CallNotPermittedException;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Arbitrates close calls with LangChain4j's OpenAI-compatible chat model (Groq by default). The model must answer with one of
 * the offered category names; anything else counts as garbage and the cascade answer stands. A
 * strict HTTP timeout, no LLM-side retries, and a circuit breaker keep a slow or failing LLM from
 * slowing the agent. Only scrubbed text is sent; nothing from the exchange is logged.
 */
public class ChatLlmArbiter implements LlmArbiter {

    private static final Logger log = LoggerFactory.getLogger(ChatLlmArbiter.class);
    static final String INSTRUCTIONS = "You route customer-support tickets. Reply with exactly one category name from the "
            + "list, copied verbatim, and nothing else.";

    private final ChatModel chat;
    private final LlmProperties properties;
    private final CircuitBreaker breaker;

    /** The circuit breaker's name, also its {@code name} label in the resilience4j_circuitbreaker_* meters. */
    public static final String BREAKER = "llm";

    public ChatLlmArbiter(LlmProperties properties, CircuitBreakerRegistry breakers) {
        this(OpenAiChatModel.builder()
                .baseUrl(properties.baseUrl())
                .apiKey(properties.apiKey())
                .modelName(properties.model())
                .timeout(properties.timeout())
                .maxRetries(0) // the circuit breaker decides; a retry would double the worst-case latency
                .temperature(0.0)
                .maxTokens(properties.maxOutputTokens())
                .build(), properties, breakers);
    }

    /** With a breaker of its own, not in any registry (tests). */
    ChatLlmArbiter(ChatModel chat, LlmProperties properties) {
        this(chat, properties, CircuitBreakerRegistry.ofDefaults());
    }

    /** @param breakers where the breaker is created, so the registry's meters (resilience4j_circuitbreaker_*) see it */
    ChatLlmArbiter(ChatModel chat, LlmProperties properties, CircuitBreakerRegistry breakers) {
        this.chat = chat;
        this.properties = properties;
        this.breaker = breakers.circuitBreaker(BREAKER, CircuitBreakerConfig.custom()
                .slidingWindowSize(properties.slidingWindowSize())
                .minimumNumberOfCalls(properties.minimumCalls())
                .failureRateThreshold(properties.failureRateThreshold())
                .waitDurationInOpenState(properties.openDuration())
                .build());
    }

    public CircuitBreaker circuitBreaker() {
        return breaker;
    }

    @Override
    public boolean ambiguous(List<ScoredCategory> ranked) {
        return ranked.size() >= 2 && ranked.get(0).score() - ranked.get(1).score() < properties.ambiguityMargin();
    }

    @Override
    public Verdict choose(String scrubbedText, List<ScoredCategory> candidates) {
        List<String> names = candidates.stream().limit(properties.maxCandidates()).map(ScoredCategory::category).toList();
        String prompt = "Categories:\n" + names.stream().map(n -> "- " + n).collect(Collectors.joining("\n"))
                + "\n\nTicket:\n" + scrubbedText + "\n\nCategory:";
        String answer;
        try {
            answer = breaker.executeSupplier(() -> chat.chat(SystemMessage.from(INSTRUCTIONS), UserMessage.from(prompt))
                    .aiMessage().text());
        } catch (CallNotPermittedException e) {
            return new Verdict(null, Verdict.CIRCUIT_OPEN);
        } catch (RuntimeException e) {
            log.warn("llm arbitration failed: {}", e.getClass().getSimpleName());
            return new Verdict(null, Verdict.ERROR);
        }
        String match = match(answer, names);
        return match == null ? new Verdict(null, Verdict.GARBAGE) : new Verdict(match, Verdict.CHOSEN);
    }

    /** The candidate the answer names, tolerating case, quotes, a trailing period and surrounding blanks. */
    static String match(String answer, List<String> names) {
        if (answer == null) {
            return null;
        }
        String cleaned = answer.strip().replaceAll("^[\"'`*\\s]+|[\"'`*.\\s]+$", "").toLowerCase(Locale.ROOT);
        for (String n : names) {
            if (n.toLowerCase(Locale.ROOT).equals(cleaned)) {
                return n;
            }
        }
        return null;
    }
}
