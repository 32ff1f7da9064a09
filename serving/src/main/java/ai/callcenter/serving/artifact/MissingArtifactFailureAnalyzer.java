package ai.callcenter.serving.artifact;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/** Turns a missing artifact at start-up into Spring Boot's short "APPLICATION FAILED TO START" report. */
class MissingArtifactFailureAnalyzer extends AbstractFailureAnalyzer<MissingArtifactException> {

    @Override
    protected FailureAnalysis analyze(Throwable rootFailure, MissingArtifactException cause) {
        return new FailureAnalysis("No " + cause.artifact() + " at " + cause.location() + ".",
                "Make it with:\n\n    " + cause.makeCommand() + "\n\nor point the service at an existing one (see docs/deploy.md).",
                cause);
    }
}
