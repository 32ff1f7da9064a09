package ai.callcenter.agent.routing;

import ai.callcenter.agent.arbitration.LlmArbiter;
import ai.callcenter.agent.downstream.Classifiers;
import ai.callcenter.agent.metrics.AgentMetrics;
import ai.callcenter.agent.pii.PiiType;
import ai.callcenter.api.AgentResponse;
import ai.callcenter.api.ClassifierResponse;
import ai.callcenter.api.ScoredCategory;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Turns a routed ticket into the agent's answer: whose ranking counts (the first service's, the
 * second's, or both pooled), the top-k cut, an LLM verdict on a close call, the out-of-scope verdict
 * and the review flag.
 */
final class AnswerAssembler {

    static final String ROUTE_FIRST = "first";
    static final String ROUTE_CASCADE = "cascade";
    static final String ROUTE_SECOND = "second";
    static final String ROUTE_CACHE = "cache";
    /** The second model alone, because the first was not trained on the ticket's language. */
    static final String ROUTE_LANGUAGE = "language";

    /** The answer and the route that produced it (a metrics label). */
    record Assembled(AgentResponse response, String route) {
    }

    private final Classifiers classifiers;
    private final Optional<LlmArbiter> arbiter;
    private final AgentMetrics metrics;

    AnswerAssembler(Classifiers classifiers, Optional<LlmArbiter> arbiter, AgentMetrics metrics) {
        this.classifiers = classifiers;
        this.arbiter = arbiter;
        this.metrics = metrics;
    }

    Assembled assemble(RoutedTicket ticket, int labelCount) {
        String first = classifiers.first().name();
        String second = classifiers.second().name();
        Optional<ClassifierResponse> firstAnswer = ticket.first().answered();
        Optional<ClassifierResponse> secondAnswer = ticket.second().answered();
        String reason = ticket.decision().reason();
        String reviewNote = ticket.decision().reviewNote();
        boolean byLanguage = LanguageCoverage.SEGMENT.equals(ticket.decision().segment());
        String route;
        String modelUsed;
        boolean degraded = false;
        List<ScoredCategory> ranked;
        ClassifierResponse scopeJudge;
        String scopeModel;
        if (firstAnswer.isPresent() && secondAnswer.isEmpty()) {
            ranked = ranked(firstAnswer.get());
            scopeJudge = firstAnswer.get();
            scopeModel = first;
            modelUsed = first;
            route = ROUTE_FIRST;
            if (ticket.decision().consultSecond()) {
                degraded = true;
                reason = reason + "; " + second + " unavailable, " + first + " answer used";
                if (byLanguage) {
                    reviewNote = first + " was not trained on " + ticket.language() + ", the answer is only a best guess";
                }
            } else if (ticket.decision().scopeCheck()) {
                reason = reason + "; " + second + " unavailable, " + first + "'s verdict used";
            }
        } else if (firstAnswer.isPresent() && ticket.decision().scopeCheck()) {
            // the first model's answer; the second was asked only whether the ticket is one of ours
            ranked = ranked(firstAnswer.get());
            scopeJudge = secondAnswer.orElseThrow();
            scopeModel = second;
            modelUsed = first;
            route = ROUTE_FIRST;
        } else if (firstAnswer.isEmpty() || ticket.decision().secondOnly()) {
            ranked = ranked(secondAnswer.orElseThrow());
            scopeJudge = secondAnswer.get();
            scopeModel = second;
            modelUsed = secondAnswer.get().head() == null ? second : second + ":" + secondAnswer.get().head();
            route = byLanguage ? ROUTE_LANGUAGE : ROUTE_SECOND;
            // the first model's answer was not wanted for this language, so its absence changes nothing
            degraded = firstAnswer.isEmpty() && !byLanguage;
        } else {
            ranked = Combiner.combine(firstAnswer.get().topK(), secondAnswer.get().topK(), ticket.policy().pooling(), labelCount);
            // The second model was consulted because the first was unsure, and its detector is the
            // stronger one (docs/out-of-scope.md): its verdict counts.
            scopeJudge = secondAnswer.get();
            scopeModel = second;
            modelUsed = first + "+" + second;
            route = ROUTE_CASCADE;
        }
        int topK = Math.max(firstAnswer.map(a -> a.topK().size()).orElse(0), secondAnswer.map(a -> a.topK().size()).orElse(0));
        ranked = ranked.subList(0, Math.min(ranked.size(), Math.max(1, topK)));
        String category = ranked.get(0).category();
        double confidence = ranked.get(0).score();

        if (arbiter.isPresent() && arbiter.get().ambiguous(ranked)) {
            long started = System.nanoTime();
            LlmArbiter.Verdict verdict = arbiter.get().choose(ticket.ticket().text(), ranked);
            metrics.stage("llm", System.nanoTime() - started);
            metrics.llm(verdict.outcome());
            if (verdict.chosen()) {
                category = verdict.category();
                confidence = scoreOf(ranked, category);
                modelUsed = modelUsed + "+llm";
                reason = reason + "; close call, llm chose";
            } else {
                reason = reason + "; close call, llm " + verdict.outcome() + ", kept the cascade answer";
                // an unreachable LLM is a fallback like an unreachable classifier; an unusable answer is not
                degraded |= LlmArbiter.Verdict.ERROR.equals(verdict.outcome())
                        || LlmArbiter.Verdict.CIRCUIT_OPEN.equals(verdict.outcome());
            }
        }
        boolean outOfScope = scopeJudge.outOfScope();
        if (outOfScope) {
            String score = scopeJudge.oosScore() == null ? "" : String.format(Locale.ROOT, " (oos_score %.2f)", scopeJudge.oosScore());
            reason = reason + "; out of scope for " + scopeModel + score + ", " + category + " is only the best guess";
        }
        if (reviewNote != null) {
            reason = reason + "; " + reviewNote;
        }
        boolean review = confidence < ticket.policy().reviewThreshold() || outOfScope || reviewNote != null;
        List<String> piiTypes = ticket.ticket().scrub().types().stream().map(PiiType::name).sorted().toList();
        return new Assembled(new AgentResponse(null, category, confidence, modelUsed, 0, ticket.language(), piiTypes, reason,
                review, outOfScope, scopeJudge.oosScore(), degraded, false, ranked), route);
    }

    private static double scoreOf(List<ScoredCategory> ranked, String category) {
        return ranked.stream().filter(s -> s.category().equals(category)).findFirst().orElseThrow().score();
    }

    private static List<ScoredCategory> ranked(ClassifierResponse p) {
        if (p.topK().isEmpty()) {
            return List.of(new ScoredCategory(p.category(), p.confidence()));
        }
        return p.topK();
    }
}
