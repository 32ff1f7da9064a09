package ai.callcenter.tfidf.web;

import ai.callcenter.common.serving.ClassifierLoader;
import ai.callcenter.common.serving.ClassifierServingConfiguration;
import ai.callcenter.common.serving.ClassifierServingConfiguration.ServedModel;
import ai.callcenter.tfidf.model.TfidfModelStore;
import ai.callcenter.tfidf.training.TfidfTrainer;
import java.nio.file.Path;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;

/** Serves the model found in {@code MODEL_DIR} through the shared classifier HTTP layer. */
@Configuration(proxyBeanMethods = false)
@Import(ClassifierServingConfiguration.class)
public class TfidfServingConfiguration {

    /** @param dir the model directory loaded at start-up */
    @ConfigurationProperties("callcenter.tfidf.model")
    public record ModelProperties(Path dir) {
    }

    @Bean
    ClassifierLoader tfidfLoader(ModelProperties model) {
        return () -> TfidfModelStore.load(model.dir());
    }

    @Bean
    ServedModel servedModel() {
        return new ServedModel(TfidfTrainer.MODEL_TYPE);
    }
}
