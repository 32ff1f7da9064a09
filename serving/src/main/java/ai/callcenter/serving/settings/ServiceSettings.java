package ai.callcenter.serving.settings;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URL;
import java.util.Collections;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.env.YamlPropertySourceLoader;
import org.springframework.core.env.PropertySource;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.io.UrlResource;

/**
 * A service's settings as the service itself binds them at start-up (its own
 * {@code application.yaml}, overridden by system properties and environment variables with Spring
 * Boot's relaxed names), for code that runs outside the service: the offline tools and tests. The
 * tools see every service's jar at once, each with an {@code application.yaml} of its own, so the
 * file is the one packaged beside the given class, never simply the first on the classpath.
 */
public final class ServiceSettings {

    static final String FILE = "application.yaml";

    private final Binder binder;
    private final URL source;

    private ServiceSettings(Binder binder, URL source) {
        this.binder = binder;
        this.source = source;
    }

    /** The settings of the module that contains {@code anchor} (e.g. {@code AgentApplication.class}). */
    public static ServiceSettings of(Class<?> anchor) {
        URL yaml = applicationYamlBeside(anchor);
        try {
            StandardEnvironment environment = new StandardEnvironment();
            List<PropertySource<?>> sources = new YamlPropertySourceLoader().load(FILE, new UrlResource(yaml));
            sources.forEach(environment.getPropertySources()::addLast);
            return new ServiceSettings(Binder.get(environment), yaml);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + yaml, e);
        }
    }

    /** Binds a {@link ConfigurationProperties} record at its own prefix. */
    public <T> T bind(Class<T> type) {
        ConfigurationProperties annotation = type.getAnnotation(ConfigurationProperties.class);
        if (annotation == null) {
            throw new IllegalArgumentException(type.getName() + " is not annotated with @ConfigurationProperties");
        }
        return bind(annotation.prefix().isEmpty() ? annotation.value() : annotation.prefix(), type);
    }

    /** Binds {@code prefix} (e.g. {@code callcenter.pii}) onto a properties record; fails when the section is missing. */
    public <T> T bind(String prefix, Class<T> type) {
        return binder.bind(prefix, type).orElseThrow(() -> new IllegalStateException(
                "no '" + prefix + "' settings in " + source));
    }

    /** Where the settings were read from, for messages. */
    public URL source() {
        return source;
    }

    private static URL applicationYamlBeside(Class<?> anchor) {
        URL location = anchor.getProtectionDomain().getCodeSource().getLocation();
        try {
            String root = normalized(location);
            root = root.endsWith("/") ? root : root + "/";
            for (URL candidate : Collections.list(anchor.getClassLoader().getResources(FILE))) {
                if (normalized(candidate).startsWith(root)) {
                    return candidate;
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + FILE + " resources", e);
        }
        throw new IllegalStateException("no " + FILE + " packaged with " + anchor.getName() + " (" + location + ")");
    }

    /** The URL as text without the jar-entry separator, so a jar's location prefixes its entries' URLs. */
    private static String normalized(URL url) {
        try {
            String text = url.toURI().toString();
            text = text.replace("!/", "/");
            if (text.startsWith("jar:")) {
                text = text.substring("jar:".length());
            }
            return new URI(text).normalize().toString().replaceFirst("^nested:", "file:");
        } catch (URISyntaxException e) {
            return url.toString();
        }
    }
}
