package ai.callcenter.transformer.web;

import ai.callcenter.ml.model.TextClassifier;
import ai.callcenter.serving.classifier.ClassifierLoader;
import ai.callcenter.serving.classifier.ClassifierServingConfiguration.ServedModel;
import ai.callcenter.serving.classifier.ClassifierServingConfiguration;
import ai.callcenter.transformer.batching.BatchingClassifier;
import ai.callcenter.transformer.batching.BatchingProperties;
import ai.callcenter.transformer.encoder.EncoderProperties;
import ai.callcenter.transformer.model.TransformerModelLoader;
import ai.callcenter.transformer.model.TransformerModelType;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import java.nio.file.Path;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;

/** Serves a transformer model (from {@code MODEL_DIR} or {@code MODEL_URI}) through the shared classifier HTTP layer, micro-batched. */
@Configuration(proxyBeanMethods = false)
@Import(ClassifierServingConfiguration.class)
@EnableConfigurationProperties({TransformerServingConfiguration.ModelProperties.class, EncoderProperties.class,
        BatchingProperties.class})
public class TransformerServingConfiguration {

    /** @param dir the model directory served when no {@code MODEL_URI} is set */
    @ConfigurationProperties("callcenter.transformer.model")
    public record ModelProperties(Path dir) {
    }

    @Bean
    DistributionSummary encoderBatchSizes(MeterRegistry meters) {
        return DistributionSummary.builder("transformer.encoder.batch.size")
                .description("texts per encoder call after micro-batching")
                .baseUnit("texts")
                .publishPercentileHistogram()
                .register(meters);
    }

    /** Each loaded version gets its own encoder sessions and batch thread, closed when the version retires. */
    @Bean
    ClassifierLoader transformerLoader(EncoderProperties encoder, BatchingProperties batching,
                                       DistributionSummary encoderBatchSizes) {
        TransformerModelLoader loader = new TransformerModelLoader(encoder);
        return dir -> {
            TextClassifier classifier = loader.load(dir);
            return batching.enabled() ? new BatchingClassifier(classifier, batching, encoderBatchSizes::record) : classifier;
        };
    }

    @Bean
    ServedModel servedModel(ModelProperties model) {
        return new ServedModel(TransformerModelType.NAME, model.dir(),
                "bin/callcenter train --model transformer --data TRAIN.csv --text-col text --label-col label --out " + model.dir());
    }
}
