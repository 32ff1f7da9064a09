package ai.callcenter.agent.downstream;

import ai.callcenter.api.ModelInfo;

/** The cascade's two classifier services: the fast first one and the stronger second one. */
public record Classifiers(ClassifierClient first, ClassifierClient second) {

    /** How many categories the models know (from whichever answered {@code GET /model}); 0 when neither has. */
    public int labelCount() {
        return first.modelInfo().or(second::modelInfo).map(ModelInfo::labels).map(java.util.List::size).orElse(0);
    }
}
