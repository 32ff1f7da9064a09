package ai.callcenter.tfidf;

import ai.callcenter.common.cli.ClassifierCli;
import ai.callcenter.tfidf.model.TfidfModelType;
import ai.callcenter.tfidf.training.TfidfTrainingProperties;
import org.springframework.boot.Banner;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Configuration;

/**
 * One jar, two uses: {@code train} / {@code evaluate} run the command line, anything else starts
 * the HTTP service.
 */
public final class TfidfMain {

    private TfidfMain() {
    }

    public static void main(String[] args) {
        if (ClassifierCli.handles(args)) {
            System.exit(runCli(args));
        }
        TfidfApplication.main(args);
    }

    /** Binds the training settings from application.yaml and the environment without starting a server. */
    static int runCli(String[] args) {
        try (ConfigurableApplicationContext context = new SpringApplicationBuilder(CliConfiguration.class)
                .web(WebApplicationType.NONE)
                .bannerMode(Banner.Mode.OFF)
                .logStartupInfo(false)
                .properties("logging.level.root=warn")
                .run()) {
            TfidfTrainingProperties training = context.getBean(TfidfTrainingProperties.class);
            return new ClassifierCli(new TfidfModelType(training), System.out, System.err).run(args);
        }
    }

    @Configuration(proxyBeanMethods = false)
    @EnableConfigurationProperties(TfidfTrainingProperties.class)
    static class CliConfiguration {
    }
}
