package ai.callcenter.agent.arbitration;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * {@code callcenter.llm.*}: optional LLM arbitration of ambiguous tickets through an
 * OpenAI-compatible chat-completions endpoint (Groq by default). Active only when enabled and an
 * API key is set.
 *
 * @param enabled          master switch
 * @param baseUrl          chat-completions base URL (…/v1)
 * @param apiKey           bearer token; blank disables LLM arbitration
 * @param model            model name
 * @param timeout          hard limit per call; past it the cascade answer stands
 * @param ambiguityMargin  the LLM is asked only when the top two final scores are closer than this
 * @param maxCandidates    categories offered to the LLM (the best-scored ones)
 * @param maxOutputTokens  a category name is short; a long answer is garbage anyway
 * @param failureRateThreshold percentage of failed calls that opens the circuit
 * @param slidingWindowSize    calls the failure rate is computed over
 * @param minimumCalls         calls needed before the rate is judged
 * @param openDuration         how long an open circuit skips the LLM
 */
@ConfigurationProperties("callcenter.llm")
public record LlmProperties(boolean enabled, String baseUrl, String apiKey, String model, Duration timeout,
                            double ambiguityMargin, int maxCandidates, int maxOutputTokens, float failureRateThreshold,
                            int slidingWindowSize, int minimumCalls, Duration openDuration) {

    public boolean active() {
        return enabled && apiKey != null && !apiKey.isBlank();
    }
}
