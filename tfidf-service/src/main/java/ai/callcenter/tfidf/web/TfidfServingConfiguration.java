package ai.callcenter.tfidf.web;

import ai.callcenter.ml.model.ModelFiles;
import ai.callcenter.serving.artifact.MissingArtifactException;
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

/** Serves the model found in {@code MODEL_DIR} through the shared classifier HTTP layer. */
@Configuration(proxyBeanMethods = false)
@Import(ClassifierServingConfiguration.class)
@EnableConfigurationProperties(TfidfServingConfiguration.ModelProperties.class)
public class TfidfServingConfiguration {

    /** @param dir the model directory loaded at start-up */
    @ConfigurationProperties("callcenter.tfidf.model")
    public record ModelProperties(Path dir) {
    }

    /** Fails start-up at once when no model was trained into the directory; loading itself runs in the background. */
    @Bean
    ClassifierLoader tfidfLoader(ModelProperties model) {
        MissingArtifactException.requireFile(model.dir().resolve(ModelFiles.METADATA), "tfidf model",
                "bin/callcenter train --model tfidf --data TRAIN.csv --text-col text --label-col label --out " + model.dir());
        return () -> TfidfModelStore.load(model.dir());
    }

    @Bean
    ServedModel servedModel() {
        return new ServedModel(TfidfModel.TYPE);
    }
}
