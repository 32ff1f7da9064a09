package ai.callcenter.agent.routing;

import java.util.Optional;

/**
 * A scrubbed ticket the answer cache did not hold: it goes to the classifiers.
 *
 * @param cacheKey where its answer is cached once found; empty while the models' versions are
 *                 unknown (nothing is cached then, since the key could not tell versions apart)
 */
record PendingTicket(ScrubbedTicket ticket, Optional<String> cacheKey) {
}
