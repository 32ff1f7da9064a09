package ai.callcenter.agent.routing;

import ai.callcenter.mlflow.RegistryFollower;
import ai.callcenter.mlflow.RegistryFollower.Loaded;
import ai.callcenter.mlflow.RegistryFollower.Origin;
import ai.callcenter.serving.registry.ModelSourceMetrics;
import ai.callcenter.serving.registry.ModelSourceProperties;
import ai.callcenter.serving.registry.RegistrySource;
import java.util.Optional;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.boot.actuate.health.Health;

/**
 * The routing a {@code models:/ticket-router@ALIAS} URI names, followed as the alias moves: a new
 * version is read beside the current one and takes over for the requests that start after it.
 * With MLflow unreachable at start-up the copy last loaded here is used (degraded); without one,
 * readiness stays DOWN until MLflow answers.
 */
final class RegisteredRouting implements RoutingPolicies, DisposableBean {

    private final RegistryFollower<CascadePolicy> follower;

    RegisteredRouting(ModelSourceProperties source, RoutingProperties.Defaults defaults, boolean scopeCheck,
                      ModelSourceMetrics metrics) {
        this.follower = RegistrySource.follower(source,
                dir -> new CascadePolicy(FittedRoutingFiles.read(dir.resolve(FittedRoutingFiles.REGISTERED_FILE)), defaults,
                        scopeCheck),
                policy -> policy.fittedRouting().createdAt(), policy -> { }, metrics);
        follower.startPolling(source.pollInterval());
    }

    @Override
    public CascadePolicy current() {
        return follower.current().map(Loaded::value).orElseThrow(() -> new RoutingNotReadyException(
                follower.problem().map(p -> "no routing is loaded yet: " + p).orElse("the routing is still loading; retry shortly")));
    }

    @Override
    public boolean ready() {
        return follower.current().isPresent();
    }

    @Override
    public Health health() {
        Optional<Loaded<CascadePolicy>> loaded = follower.current();
        Optional<String> problem = follower.problem();
        if (loaded.isEmpty()) {
            return problem.map(p -> Health.down().withDetail("error", p).build())
                    .orElseGet(() -> Health.outOfService().withDetail("status", "loading " + follower.uri()).build());
        }
        Health.Builder up = Health.up().withDetail("model_uri", follower.uri().toString())
                .withDetail("registered_version", loaded.get().version())
                .withDetail("version", loaded.get().value().fittedRouting().createdAt())
                .withDetail("degraded", loaded.get().origin() == Origin.CACHED_COPY);
        problem.ifPresent(p -> up.withDetail("problem", p));
        return up.build();
    }

    @Override
    public void destroy() {
        follower.close();
    }
}
