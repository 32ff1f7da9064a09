package ai.callcenter.tools.language;

import static org.assertj.core.api.Assertions.assertThat;

import ai.callcenter.agent.AgentApplication;
import ai.callcenter.agent.language.LanguageConfiguration;
import ai.callcenter.agent.language.LanguageDetector;
import ai.callcenter.agent.language.LanguageProperties;
import ai.callcenter.serving.settings.ServiceSettings;
import ai.callcenter.testing.SharedData;
import org.junit.jupiter.api.Test;

/**
 * xSID test split with the configured language list (27 languages). The target is 0.97;
 * the other floors are the measured levels rounded down (docs/language.md: strict micro 0.9711,
 * macro 0.9720; 0.9547 when the Norwegian dialect transcriptions count as strict Norwegian).
 */
class XsidLanguageTest {

    @Test
    void xsidTestSplit() throws Exception {
        LanguageDetector detector = LanguageConfiguration.detector(
                ServiceSettings.of(AgentApplication.class).bind(LanguageProperties.class));
        var sentences = XsidEvaluation.load(SharedData.file(XsidEvaluation.RELATIVE_PATH)).stream()
                .filter(s -> s.split().equals("test")).toList();
        XsidEvaluation.Report r = XsidEvaluation.evaluate(detector, sentences);
        System.out.print(r.table());
        assertThat(r.strictMicro()).as("target").isGreaterThanOrEqualTo(0.97);
        assertThat(r.strictMacro()).as("target").isGreaterThanOrEqualTo(0.97);
        assertThat(r.withDialectsMicro()).as("Norwegian dialects as Norwegian").isGreaterThanOrEqualTo(0.95);
        assertThat(r.ownCodeOnly()).as("Serbian only as sr").isGreaterThanOrEqualTo(0.89);
        assertThat(r.strict().get("ar").accuracy()).isGreaterThanOrEqualTo(0.99);
        assertThat(r.strict().get("ja").accuracy()).isGreaterThanOrEqualTo(0.99);
        assertThat(r.strict().get("de").accuracy()).isGreaterThanOrEqualTo(0.98);
        assertThat(r.strict().get("it").accuracy()).as("Italian (stop-word vote)").isGreaterThanOrEqualTo(0.965);
        assertThat(r.strict().get("nl").accuracy()).as("Dutch (stop-word vote)").isGreaterThanOrEqualTo(0.98);
        assertThat(r.strict().get("en").accuracy()).isGreaterThanOrEqualTo(0.95);
        assertThat(r.strict().get("da").accuracy()).isGreaterThanOrEqualTo(0.93);
        assertThat(r.strict().get("no-B").accuracy()).as("Bokmål").isGreaterThanOrEqualTo(0.90);
        assertThat(r.varieties().get("no-T").accuracy()).as("Trøndelag dialect as Norwegian").isGreaterThanOrEqualTo(0.94);
        assertThat(r.varieties().get("no-V").accuracy()).as("Western Norwegian dialect as Norwegian").isGreaterThanOrEqualTo(0.93);
        assertThat(r.varieties().get("no-N").accuracy()).as("Northern Norwegian dialect as Norwegian").isGreaterThanOrEqualTo(0.91);
        assertThat(r.strict().get("sr").accuracy()).as("BCMS family").isGreaterThanOrEqualTo(0.94);
        assertThat(r.strict().get("lt").accuracy()).as("Lithuanian (alphabet rule)").isGreaterThanOrEqualTo(0.98);
        assertThat(r.strict().get("tr").accuracy()).as("Turkish (alphabet rule)").isGreaterThanOrEqualTo(0.965);
    }

    @Test
    void detectsObviousSentences() {
        LanguageDetector detector = new LanguageDetector(java.util.List.of("ENGLISH", "GERMAN", "FRENCH"), false, 0.0);
        assertThat(detector.detect("My printer does not work since yesterday").isoCode()).isEqualTo("en");
        assertThat(detector.detect("Mein Drucker funktioniert seit gestern nicht mehr").isoCode()).isEqualTo("de");
        assertThat(detector.detect("Mon imprimante ne fonctionne plus depuis hier").isoCode()).isEqualTo("fr");
        assertThat(detector.detect("   ").known()).isFalse();
    }
}
