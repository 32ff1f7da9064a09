package ai.callcenter.agent.pii;

import static org.assertj.core.api.Assertions.assertThat;

import ai.callcenter.agent.TestData;
import ai.callcenter.agent.bench.PiiEvaluation;
import ai.callcenter.agent.bench.PresidioDataset;
import org.junit.jupiter.api.Test;

/**
 * Token-level P/R on the held-out presidio templates (template_id % 3 == 0), never used for
 * tuning. Floors are the measured level rounded down (docs/pii.md); the target is
 * P >= 0.90 and R >= 0.90: precision meets it, recall does not yet (0.84 measured).
 */
class PresidioHeldOutTest {

    @Test
    void heldOutTemplates() throws Exception {
        PiiEvaluation.Report r = PiiEvaluation.evaluate(Scrubbers.DEFAULT,
                PresidioDataset.load(TestData.file(PresidioDataset.RELATIVE_PATH), PresidioDataset.Split.TEST), null);
        System.out.print(r.table("presidio held-out templates"));
        assertThat(r.overall().precision()).as("type-strict precision").isGreaterThanOrEqualTo(0.95);
        assertThat(r.overall().recall()).as("type-strict recall (target 0.90 not reached)").isGreaterThanOrEqualTo(0.83);
        assertThat(r.anyPii().precision()).as("any-PII precision").isGreaterThanOrEqualTo(0.96);
        assertThat(r.anyPii().recall()).as("any-PII recall (target 0.90 not reached)").isGreaterThanOrEqualTo(0.84);
        assertThat(r.perType().get(PiiType.EMAIL).recall()).isEqualTo(1.0);
        assertThat(r.perType().get(PiiType.CREDIT_CARD).precision()).isEqualTo(1.0);
        assertThat(r.perType().get(PiiType.PERSON).f1()).isGreaterThanOrEqualTo(0.85);
        assertThat(r.perType().get(PiiType.STREET_ADDRESS).f1()).isGreaterThanOrEqualTo(0.85);
    }
}
