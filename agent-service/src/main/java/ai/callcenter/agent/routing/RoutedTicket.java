package ai.callcenter.agent.routing;

/**
 * A ticket after the cascade: its language, both services' contributions, the routing that decided
 * and its decision. Everything the final answer is assembled from.
 */
record RoutedTicket(PendingTicket pending, String language, ClassifierAnswer first, CascadePolicy policy,
                    CascadePolicy.Decision decision, ClassifierAnswer second) {

    ScrubbedTicket ticket() {
        return pending.ticket();
    }
}
