package ai.callcenter.transformer;

import ai.callcenter.common.cli.ClassifierCli;
import ai.callcenter.transformer.model.TransformerModelType;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * {@code train} / {@code evaluate} run the shared command line (configuration bound from
 * application.yaml and the environment, no web server); anything else starts the HTTP service.
 */
public final class TransformerMain {

    private TransformerMain() {
    }

    public static void main(String[] args) {
        // Never let DJL reach for a model hub or download native libraries: everything ships in jars.
        System.setProperty("ai.djl.offline", "true");
        if (ClassifierCli.handles(args)) {
            int code;
            try (ConfigurableApplicationContext context = new SpringApplicationBuilder(TransformerCliConfiguration.class)
                    .web(WebApplicationType.NONE)
                    .logStartupInfo(false)
                    .bannerMode(org.springframework.boot.Banner.Mode.OFF)
                    // Logs share stdout with the JSON result line; DJL's "no CUDA" warning is noise here.
                    .properties("spring.main.log-startup-info=false", "logging.level.root=WARN",
                            "logging.level.ai.djl=ERROR")
                    .run()) {
                code = new ClassifierCli(context.getBean(TransformerModelType.class), System.out, System.err).run(args);
            }
            System.exit(code);
        }
        SpringApplication.run(TransformerApplication.class, args);
    }
}
