package ai.callcenter.tools.routing;

import ai.callcenter.agent.routing.CascadePolicy;
import ai.callcenter.agent.routing.FittedRouting;
import ai.callcenter.agent.routing.RoutingProperties;
import ai.callcenter.ml.dataset.Dataset;
import ai.callcenter.ml.evaluation.ClassificationReport;
import ai.callcenter.ml.evaluation.Evaluator;
import ai.callcenter.tools.io.Console;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Hold-out tickets sent through the running classifiers once, so that several routing files can be
 * scored on exactly the same answers (promote compares a candidate routing with the champion).
 */
public final class RouterHoldout {

    private final RoutingSamples collected;
    private final RoutingProperties.Defaults defaults;

    private RouterHoldout(RoutingSamples collected, RoutingProperties.Defaults defaults) {
        this.collected = collected;
        this.defaults = defaults;
    }

    /** @param firstUrl tfidf, {@code secondUrl} transformer; null means the agent's configured URL */
    public static RouterHoldout collect(Dataset dataset, String firstUrl, String secondUrl, Console console) {
        RoutingSamples.Services services = RoutingSamples.Services.of(firstUrl, secondUrl);
        return new RouterHoldout(RoutingSamples.collect(dataset, services, true, console),
                RoutingSamples.agentSettings().bind(RoutingProperties.class).defaults());
    }

    /** The routed answers' accuracy, F1 and calibration, as for a single model. */
    public ClassificationReport score(FittedRouting routing) {
        CascadePolicy policy = new CascadePolicy(routing, defaults);
        List<RouterEvaluation.Outcome> outcomes = RouterEvaluation.routeAll(policy, collected.samples(), collected.labelCount());
        List<String> labels = new ArrayList<>(collected.first().labels());
        Map<String, Integer> index = new HashMap<>();
        for (int i = 0; i < labels.size(); i++) {
            index.put(labels.get(i), i);
        }
        int n = outcomes.size();
        int[] truth = new int[n];
        int[] predicted = new int[n];
        double[] confidence = new double[n];
        for (int i = 0; i < n; i++) {
            truth[i] = indexOf(collected.samples().get(i).label(), labels, index);
            predicted[i] = indexOf(outcomes.get(i).category(), labels, index);
            confidence[i] = outcomes.get(i).confidence();
        }
        return Evaluator.evaluate(labels, truth, predicted, confidence);
    }

    /** Share of the tickets the routing sends to the second model (its cost). */
    public double secondShare(FittedRouting routing) {
        return RouterEvaluation.evaluate(new CascadePolicy(routing, defaults), collected.samples(), collected.labelCount())
                .secondShare();
    }

    private static int indexOf(String label, List<String> labels, Map<String, Integer> index) {
        return index.computeIfAbsent(label, l -> {
            labels.add(l);
            return labels.size() - 1;
        });
    }
}
