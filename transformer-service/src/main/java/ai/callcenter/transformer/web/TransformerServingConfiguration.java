package ai.callcenter.transformer.web;

import ai.callcenter.ml.model.ModelFiles;
import ai.callcenter.ml.model.TextClassifier;
import ai.callcenter.serving.artifact.MissingArtifactException;
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
import java.util.concurrent.atomic.AtomicReference;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;

/** Serves the model in {@code MODEL_DIR} through the shared classifier HTTP layer, micro-batched. */
@Configuration(proxyBeanMethods = false)
@Import(ClassifierServingConfiguration.class)
@EnableConfigurationProperties({TransformerServingConfiguration.ModelProperties.class, EncoderProperties.class,
        BatchingProperties.class})
public class TransformerServingConfiguration {

    /** @param dir the model directory loaded at start-up */
    @ConfigurationProperties("callcenter.transformer.model")
    public record ModelProperties(Path dir) {
    }

    /** Owns the loaded classifier so that its encoder and batch thread are closed on shutdown. */
    public static final class ClassifierHolder implements DisposableBean {
        private final AtomicReference<TextClassifier> loaded = new AtomicReference<>();

        TextClassifier hold(TextClassifier classifier) {
            loaded.set(classifier);
            return classifier;
        }

        @Override
        public void destroy() throws Exception {
            if (loaded.get() instanceof AutoCloseable closeable) {
                closeable.close();
            }
        }
    }

    @Bean
    ClassifierHolder classifierHolder() {
        return new ClassifierHolder();
    }

    @Bean
    DistributionSummary encoderBatchSizes(MeterRegistry meters) {
        return DistributionSummary.builder("transformer.encoder.batch.size")
                .description("texts per encoder call after micro-batching")
                .baseUnit("texts")
                .publishPercentileHistogram()
                .register(meters);
    }

    /** Fails start-up at once when no model was trained into the directory; loading itself runs in the background. */
    @Bean
    ClassifierLoader transformerLoader(EncoderProperties encoder, ModelProperties model, BatchingProperties batching,
                                       DistributionSummary encoderBatchSizes, ClassifierHolder holder) {
        MissingArtifactException.requireFile(model.dir().resolve(ModelFiles.METADATA), "transformer model",
                "bin/callcenter train --model transformer --data TRAIN.csv --text-col text --label-col label --out "
                        + model.dir());
        TransformerModelLoader loader = new TransformerModelLoader(encoder);
        return () -> {
            TextClassifier classifier = loader.load(model.dir());
            if (batching.enabled()) {
                classifier = new BatchingClassifier(classifier, batching, encoderBatchSizes::record);
            }
            return holder.hold(classifier);
        };
    }

    @Bean
    ServedModel servedModel() {
        return new ServedModel(TransformerModelType.NAME);
    }
}
