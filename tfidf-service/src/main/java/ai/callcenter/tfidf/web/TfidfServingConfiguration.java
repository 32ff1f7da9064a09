package ai.callcenter.tfidf.web;

import ai.callcenter.serving.classifier.ClassifierLoader;
import ai.callcenter.serving.classifier.ClassifierServingConfiguration.ServedModel;
import ai.callcenter.serving.classifier.ClassifierServingConfiguration;
import ai.callcenter.tfidf.model.TfidfModel;
import ai.callcenter.tfidf.model.TfidfModelStore;
import java.nio.file.Path;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;

/** Serves a tfidf model (from {@code MODEL_DIR} or {@code MODEL_URI}) through the shared classifier HTTP layer. */
@Configuration(proxyBeanMethods = false)
@Import(ClassifierServingConfiguration.class)
@EnableConfigurationProperties(TfidfServingConfiguration.ModelProperties.class)
public class TfidfServingConfiguration {

    /** @param dir the model directory served when no {@code MODEL_URI} is set */
    @ConfigurationProperties("callcenter.tfidf.model")
    public record ModelProperties(Path dir) {
    }

    @Bean
    ClassifierLoader tfidfLoader() {
        return TfidfModelStore::load;
    }

    @Bean
    ServedModel servedModel(ModelProperties model) {
        return new ServedModel(TfidfModel.TYPE, model.dir(),
                "bin/callcenter train --model tfidf --data TRAIN.csv --text-col text --label-col label --out " + model.dir());
    }
}
