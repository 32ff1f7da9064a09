package ai.callcenter.agent.routing;

/**
 * A ticket after the cascade: its language, both services' contributions and the routing decision
 * that led to them. Everything the final answer is assembled from.
 */
record RoutedTicket(PendingTicket pending, String language, ClassifierAnswer first, CascadePolicy.Decision decision,
                    ClassifierAnswer second) {

    ScrubbedTicket ticket() {
        return pending.ticket();
    }
}
