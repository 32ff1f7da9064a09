package ai.callcenter.tools.routing;

import static ai.callcenter.tools.routing.RouterFitterTest.answer;
import static org.assertj.core.api.Assertions.assertThat;

import ai.callcenter.agent.routing.CascadePolicy;
import ai.callcenter.agent.routing.Combiner;
import ai.callcenter.agent.routing.ComplexityFeatures;
import ai.callcenter.agent.routing.RoutingProperties;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Offline replay is the served behaviour: a ticket the agent routes by its language is replayed that way. */
class RouterEvaluationTest {

    /** The documented defaults: the second model is never consulted by the cascade. */
    private static final CascadePolicy FIRST_ONLY = new CascadePolicy(null,
            new RoutingProperties.Defaults(0.0, 0.5, Combiner.Rule.GEOMETRIC, 0.5));

    @Test
    void aLanguageRouteSendsTheTicketToTheSecondModelWhateverTheCascadeWouldDo() {
        ComplexityFeatures features = ComplexityFeatures.of("mi tarjeta fue bloqueada", "es", null, null);
        CascadePolicy.Decision byLanguage = new CascadePolicy.Decision(true, true, "language", "es: tfidf is trained on en");
        RoutingSample spanish = new RoutingSample("a", "es", features, answer("b", 0.9, "a"), answer("a", 0.8, "b"), byLanguage);
        RoutingSample english = new RoutingSample("a", "en", features, answer("b", 0.9, "a"), answer("a", 0.8, "b"));

        RouterEvaluation.Result result = RouterEvaluation.evaluate(FIRST_ONLY, List.of(spanish, english), 3);

        assertThat(RouterEvaluation.route(FIRST_ONLY, spanish, 3)).satisfies(o -> {
            assertThat(o.category()).isEqualTo("a");
            assertThat(o.sentToSecond()).isTrue();
        });
        assertThat(RouterEvaluation.route(FIRST_ONLY, english, 3).category()).isEqualTo("b");
        assertThat(result.accuracy()).isEqualTo(0.5);
        assertThat(result.secondShare()).isEqualTo(0.5);
    }
}
