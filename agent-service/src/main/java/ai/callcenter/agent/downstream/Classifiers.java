package ai.callcenter.agent.downstream;

/** The cascade's two classifier services: the fast first one and the stronger second one. */
public record Classifiers(ClassifierClient first, ClassifierClient second) {
}
