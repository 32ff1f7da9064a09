package ai.callcenter.agent.routing;

import org.springframework.boot.actuate.health.HealthIndicator;

/**
 * The routing in force: fixed (a fitted file, or the defaults) or followed in the MLflow registry
 * ({@code ROUTER_URI}). Its health is the {@code routing} component of readiness.
 */
public interface RoutingPolicies extends HealthIndicator {

    /** @throws RoutingNotReadyException while a registry routing has not been loaded yet */
    CascadePolicy current();

    /** Whether {@link #current()} has a routing to give (agent_routing_ready). */
    boolean ready();
}
