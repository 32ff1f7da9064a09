package ai.callcenter.agent.routing;

import ai.callcenter.agent.pii.ScrubResult;
import ai.callcenter.api.PredictRequest;

/**
 * A ticket after the first step of the request path: personal data replaced by placeholders. Every
 * later step sees {@link #text()}, never the request's own text.
 *
 * @param position where the ticket stands in the request, so answers leave in request order
 */
record ScrubbedTicket(int position, PredictRequest request, ScrubResult scrub) {

    String text() {
        return scrub.text();
    }

    String ticketId() {
        return request.ticketId();
    }
}
