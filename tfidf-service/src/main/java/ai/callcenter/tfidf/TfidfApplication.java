package ai.callcenter.tfidf;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/**
 * The tfidf classifier service (port 8001): serves the model in {@code MODEL_DIR}. Its training
 * settings ({@code callcenter.tfidf.training}) are read by {@code bin/callcenter train}, never here.
 */
@SpringBootApplication
public class TfidfApplication {

    public static void main(String[] args) {
        SpringApplication.run(TfidfApplication.class, args);
    }
}
