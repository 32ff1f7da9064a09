package ai.callcenter.serving.classifier;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Request limits and response shape of a classifier service.
 *
 * @param maxTextLength longest ticket text accepted, in characters
 * @param maxBatchSize  most items in one {@code /predict/batch} call
 * @param topK          how many ranked candidates each answer lists
 */
@ConfigurationProperties("callcenter.serving")
public record ServingProperties(int maxTextLength, int maxBatchSize, int topK) {
}
