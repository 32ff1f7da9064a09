package ai.callcenter.agent;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/**
 * Front door of the platform (port 8000): scrubs personal data, detects the language and routes
 * tickets between the classifier services. It serves what the tools made (the PII models, the
 * fitted routing) and never makes them itself.
 */
@SpringBootApplication
@ConfigurationPropertiesScan
public class AgentApplication {

    public static void main(String[] args) {
        SpringApplication.run(AgentApplication.class, args);
    }
}
