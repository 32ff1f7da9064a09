package ai.callcenter.agent.downstream;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.client.RestClient;

@Configuration(proxyBeanMethods = false)
public class DownstreamConfiguration {

    @Bean
    Classifiers classifiers(DownstreamProperties properties, RestClient.Builder builder) {
        return new Classifiers(new ClassifierClient(properties.tfidf(), properties.modelInfoTtl(), builder),
                new ClassifierClient(properties.transformer(), properties.modelInfoTtl(), builder));
    }
}
