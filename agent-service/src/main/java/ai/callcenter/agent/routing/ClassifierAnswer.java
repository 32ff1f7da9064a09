package ai.callcenter.agent.routing;

import ai.callcenter.api.ClassifierResponse;
import java.util.Optional;

/** What one classifier service contributed to a ticket: its answer, or why there is none. */
sealed interface ClassifierAnswer {

    /** The service answered. */
    record Answered(ClassifierResponse response) implements ClassifierAnswer {
    }

    /** The service was asked and could not answer (timeout, refused, 5xx, open circuit, disabled). */
    record Unavailable(String model) implements ClassifierAnswer {
    }

    /** The cascade did not need this service for the ticket. */
    record NotAsked() implements ClassifierAnswer {
    }

    ClassifierAnswer NOT_ASKED = new NotAsked();

    /** The response when the service answered. */
    default Optional<ClassifierResponse> answered() {
        return this instanceof Answered answered ? Optional.of(answered.response()) : Optional.empty();
    }
}
