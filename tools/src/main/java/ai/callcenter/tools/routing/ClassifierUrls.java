package ai.callcenter.tools.routing;

import picocli.CommandLine.Option;

/** Where the running classifier services are, for the commands that ask them. */
public final class ClassifierUrls {

    @Option(names = "--first-url", paramLabel = "URL", description = "tfidf service (default: the agent's TFIDF_URL)")
    String first;

    @Option(names = "--second-url", paramLabel = "URL", description = "transformer service (default: the agent's TRANSFORMER_URL)")
    String second;

    /** The tfidf service's URL, or null for the agent's configured one. */
    public String first() {
        return first;
    }

    /** The transformer service's URL, or null for the agent's configured one. */
    public String second() {
        return second;
    }
}
