package ai.callcenter.agent;

import ai.callcenter.agent.cli.HttpLoad;
import ai.callcenter.agent.cli.RouterCli;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/**
 * Front door of the platform (port 8000): scrubs personal data, detects the language and routes
 * tickets between the classifier services. {@code fit-router}, {@code evaluate-router} and
 * {@code split-data} run the offline router commands, {@code http-load} the HTTP load generator, instead of
 * the server.
 */
@SpringBootApplication
@ConfigurationPropertiesScan
public class AgentApplication {

    public static void main(String[] args) {
        if (RouterCli.handles(args)) {
            System.exit(new RouterCli(System.out, System.err).run(args));
        }
        if (HttpLoad.handles(args)) {
            System.exit(new HttpLoad(System.out, System.err).run(args));
        }
        SpringApplication.run(AgentApplication.class, args);
    }
}
