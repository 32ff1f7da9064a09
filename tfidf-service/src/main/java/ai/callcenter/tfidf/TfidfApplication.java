package ai.callcenter.tfidf;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

@SpringBootApplication
@ConfigurationPropertiesScan
public class TfidfApplication {

    public static void main(String[] args) {
        SpringApplication.run(TfidfApplication.class, args);
    }
}
