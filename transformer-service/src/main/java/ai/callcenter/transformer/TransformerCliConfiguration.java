package ai.callcenter.transformer;

import ai.callcenter.transformer.batching.BatchingProperties;
import ai.callcenter.transformer.encoder.EncoderProperties;
import ai.callcenter.transformer.head.HeadProperties;
import ai.callcenter.transformer.model.TransformerModelType;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Just enough Spring to bind configuration for the command line and build the model type. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties({EncoderProperties.class, HeadProperties.class, BatchingProperties.class})
public class TransformerCliConfiguration {

    @Bean
    TransformerModelType transformerModelType(EncoderProperties encoder, HeadProperties head) {
        return new TransformerModelType(encoder, head);
    }
}
