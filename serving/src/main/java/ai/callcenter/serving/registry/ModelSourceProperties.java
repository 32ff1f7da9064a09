package ai.callcenter.serving.registry;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Where a classifier service's model comes from: the local directory (the default), or the MLflow
 * registry when {@code uri} is set.
 *
 * @param uri            {@code models:/NAME@ALIAS} (followed as it moves) or {@code models:/NAME/VERSION}; empty: the local directory
 * @param trackingUri    the MLflow server
 * @param cacheDir       where registry versions are copied, and where a start without MLflow finds the last one
 * @param pollInterval   how often the alias is looked up
 * @param requestTimeout one registry call or artifact download
 */
@ConfigurationProperties("callcenter.model-source")
public record ModelSourceProperties(String uri, URI trackingUri, Path cacheDir, Duration pollInterval, Duration requestTimeout) {

    public boolean fromRegistry() {
        return uri != null && !uri.isBlank();
    }
}
