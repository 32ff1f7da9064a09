package ai.callcenter.ml.training;

/** What a training run needs besides the examples themselves. */
public record TrainingContext(long seed, String dataSha256, Progress progress) {
}
