package ai.callcenter.transformer;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/** The transformer classifier service (port 8002): serves the model in {@code MODEL_DIR}. */
@SpringBootApplication
public class TransformerApplication {

    public static void main(String[] args) {
        // Never let DJL reach for a model hub or download native libraries: everything ships in jars.
        System.setProperty("ai.djl.offline", "true");
        SpringApplication.run(TransformerApplication.class, args);
    }
}
