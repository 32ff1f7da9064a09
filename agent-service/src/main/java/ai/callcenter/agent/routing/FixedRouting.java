package ai.callcenter.agent.routing;

import org.springframework.boot.actuate.health.Health;

/** A routing that never changes while the agent runs: the fitted file ROUTER_CONFIG names, or the defaults. */
final class FixedRouting implements RoutingPolicies {

    private final CascadePolicy policy;
    private final String source;

    FixedRouting(CascadePolicy policy, String source) {
        this.policy = policy;
        this.source = source;
    }

    @Override
    public CascadePolicy current() {
        return policy;
    }

    @Override
    public boolean ready() {
        return true;
    }

    @Override
    public Health health() {
        return Health.up().withDetail("source", source)
                .withDetail("version", policy.fitted() ? policy.fittedRouting().createdAt() : "defaults").build();
    }
}
