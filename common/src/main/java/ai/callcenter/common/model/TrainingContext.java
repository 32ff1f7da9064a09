package ai.callcenter.common.model;

import ai.callcenter.common.cli.Progress;

/** What a training run needs besides the examples themselves. */
public record TrainingContext(long seed, String dataSha256, Progress progress) {
}
