package ai.callcenter.agent.routing;

import ai.callcenter.agent.downstream.ClassifierClient;
import ai.callcenter.agent.downstream.Classifiers;
import ai.callcenter.agent.downstream.DownstreamException;
import ai.callcenter.agent.feedback.PerformanceStore;
import ai.callcenter.agent.language.LanguageDetector;
import ai.callcenter.agent.metrics.AgentMetrics;
import ai.callcenter.api.ClassifierResponse;
import ai.callcenter.api.PredictRequest;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/**
 * The cascade for the tickets the cache did not answer. Their language is detected, the first service
 * asked; then the policy, with feedback trust,
 * decides per ticket whether the second service is consulted, and the second service gets those
 * tickets in one batch. A service that cannot answer leaves {@link ClassifierAnswer.Unavailable}
 * behind; only when neither can is the request refused (503).
 */
final class Cascade {

    private final Classifiers classifiers;
    private final LanguageDetector languages;
    private final PerformanceStore performance;
    private final RoutingProperties.TrustSettings trust;
    private final AgentMetrics metrics;
    private final int downstreamBatchSize;
    Cascade(Classifiers classifiers, LanguageDetector languages, PerformanceStore performance,
            RoutingProperties.TrustSettings trust, AgentMetrics metrics, int downstreamBatchSize) {
        this.classifiers = classifiers;
        this.languages = languages;
        this.performance = performance;
        this.trust = trust;
        this.metrics = metrics;
        this.downstreamBatchSize = downstreamBatchSize;
    }

    /** @param policy the routing in force when the request arrived, used for all of its tickets */
    List<RoutedTicket> route(List<PendingTicket> pending, CascadePolicy policy) {
        ClassifierClient first = classifiers.first();
        ClassifierClient second = classifiers.second();
        // One after the other on the request's thread: handing the call to another thread to overlap it with
        // language detection cost more CPU per ticket than it saved in latency (docs/performance.md).
        // A language the caller gives is taken as it is.
        List<String> detected = timed("language", () -> pending.stream()
                .map(p -> p.ticket().request().language() != null ? p.ticket().request().language()
                        : languages.detect(p.ticket().text()).isoCode()).toList());
        List<ClassifierAnswer> firsts = timed(first.name(), () -> ask(first, pending, null));
        if (firsts.get(0) instanceof ClassifierAnswer.Unavailable) {
            metrics.fallback(AgentMetrics.unavailable(first.name()));
        }

        List<CascadePolicy.Decision> decisions = new ArrayList<>(pending.size());
        List<PendingTicket> escalated = new ArrayList<>();
        List<String> escalatedLanguages = new ArrayList<>();
        for (int i = 0; i < pending.size(); i++) {
            CascadePolicy.Decision decision = decide(pending.get(i), detected.get(i), firsts.get(i), policy);
            decisions.add(decision);
            if (decision.asksSecond()) {
                escalated.add(pending.get(i));
                escalatedLanguages.add(detected.get(i));
            }
        }
        List<ClassifierAnswer> seconds = escalated.isEmpty() ? List.of()
                : timed(second.name(), () -> ask(second, escalated, escalatedLanguages));
        if (!seconds.isEmpty() && seconds.get(0) instanceof ClassifierAnswer.Unavailable) {
            if (firsts.get(0) instanceof ClassifierAnswer.Unavailable) {
                throw new ClassifiersUnavailableException("neither " + first.name() + " nor " + second.name()
                        + " could classify the ticket; retry later");
            }
            metrics.fallback(AgentMetrics.unavailable(second.name()));
        }

        List<RoutedTicket> routed = new ArrayList<>(pending.size());
        int nextSecond = 0;
        for (int i = 0; i < pending.size(); i++) {
            ClassifierAnswer secondAnswer = decisions.get(i).asksSecond() ? seconds.get(nextSecond++) : ClassifierAnswer.NOT_ASKED;
            routed.add(new RoutedTicket(pending.get(i), detected.get(i), firsts.get(i), policy, decisions.get(i), secondAnswer));
        }
        return routed;
    }

    /** The language's coverage first (which model reads it), then the policy on the first model's answer. */
    private CascadePolicy.Decision decide(PendingTicket pending, String language, ClassifierAnswer firstAnswer,
                                          CascadePolicy policy) {
        LanguageCoverage coverage = LanguageCoverage.of(language, classifiers.first().name(), classifiers.first().modelInfo(),
                classifiers.second().name(), classifiers.second().modelInfo());
        CascadePolicy.Decision decision = coverage.decision()
                .orElseGet(() -> decideByPolicy(pending, language, firstAnswer, policy));
        return coverage.reviewNote() == null ? decision : decision.withReviewNote(coverage.reviewNote());
    }

    private CascadePolicy.Decision decideByPolicy(PendingTicket pending, String language, ClassifierAnswer firstAnswer,
                                                  CascadePolicy policy) {
        String first = classifiers.first().name();
        String second = classifiers.second().name();
        if (!(firstAnswer instanceof ClassifierAnswer.Answered answered)) {
            return new CascadePolicy.Decision(true, true, "fallback", first + " unavailable: " + second + " only");
        }
        ComplexityFeatures features = ComplexityFeatures.of(pending.ticket().text(), language, policy.trainingLanguage(),
                answered.response().oovRate());
        FeedbackTrust feedback = FeedbackTrust.judge(performance.accuracy(first, language), performance.accuracy(second, language),
                trust, first, second, language);
        return policy.decide(language, features, answered.response().confidence(), feedback);
    }

    /**
     * One answer per ticket, in order; every one {@link ClassifierAnswer.Unavailable} when the service failed.
     *
     * @param languages each ticket's language, sent along (a model with a cross-lingual head answers with it);
     *                  null: not sent
     */
    private List<ClassifierAnswer> ask(ClassifierClient client, List<PendingTicket> tickets, List<String> languages) {
        try {
            List<PredictRequest> requests = new ArrayList<>(tickets.size());
            for (int i = 0; i < tickets.size(); i++) {
                ScrubbedTicket ticket = tickets.get(i).ticket();
                String language = languages == null || LanguageCoverage.UNDETERMINED.equals(languages.get(i)) ? null : languages.get(i);
                requests.add(new PredictRequest(ticket.text(), ticket.ticketId(), language));
            }
            List<ClassifierResponse> responses = new ArrayList<>(tickets.size());
            if (requests.size() == 1) {
                responses.add(client.predict(requests.get(0)));
            } else {
                for (int from = 0; from < requests.size(); from += downstreamBatchSize) {
                    responses.addAll(client.predictBatch(requests.subList(from, Math.min(requests.size(), from + downstreamBatchSize))));
                }
            }
            return responses.stream().<ClassifierAnswer>map(ClassifierAnswer.Answered::new).toList();
        } catch (DownstreamException e) {
            ClassifierAnswer unavailable = new ClassifierAnswer.Unavailable(client.name());
            return tickets.stream().map(t -> unavailable).toList();
        }
    }

    private <T> T timed(String stage, Supplier<T> work) {
        long started = System.nanoTime();
        try {
            return work.get();
        } finally {
            metrics.stage(stage, System.nanoTime() - started);
        }
    }
}
