package ai.callcenter.tools.architecture;

import static org.assertj.core.api.Assertions.assertThat;

import ai.callcenter.agent.violation.AgentUsingTheTools;
import ai.callcenter.agent.violation.first.First;
import ai.callcenter.agent.violation.second.Second;
import ai.callcenter.api.violation.RecordUsingSpring;
import ai.callcenter.tfidf.violation.TfidfUsingTheAgent;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.EvaluationResult;
import org.junit.jupiter.api.Test;

/**
 * The rules can fail: each is shown a class (in this module's test sources, so the real check never
 * sees it) that breaks it on purpose, and must report it.
 */
class BoundariesTest {

    private static EvaluationResult evaluate(ArchRule rule, Class<?>... offenders) {
        JavaClasses classes = new ClassFileImporter().importClasses(offenders);
        return rule.evaluate(classes);
    }

    @Test
    void springInTheApiIsReported() {
        EvaluationResult result = evaluate(Boundaries.API_NEEDS_NO_FRAMEWORK, RecordUsingSpring.class);
        assertThat(result.hasViolation()).isTrue();
        assertThat(result.getFailureReport().toString()).contains("RecordUsingSpring").contains("org.springframework.http.HttpStatus");
    }

    @Test
    void aServiceImportingAnotherIsReported() {
        EvaluationResult result = evaluate(Boundaries.SERVICES_DO_NOT_IMPORT_EACH_OTHER, TfidfUsingTheAgent.class);
        assertThat(result.hasViolation()).isTrue();
        assertThat(result.getFailureReport().toString()).contains("TfidfUsingTheAgent").contains("PiiScrubber");
    }

    @Test
    void servingCodeUsingTheToolsIsReported() {
        EvaluationResult result = evaluate(Boundaries.NOTHING_SERVED_USES_THE_TOOLS, AgentUsingTheTools.class);
        assertThat(result.hasViolation()).isTrue();
        assertThat(result.getFailureReport().toString()).contains("AgentUsingTheTools").contains("ModelTypes");
    }

    @Test
    void aPackageCycleIsReported() {
        EvaluationResult result = evaluate(Boundaries.NO_PACKAGE_CYCLES, First.class, Second.class);
        assertThat(result.hasViolation()).isTrue();
        assertThat(result.getFailureReport().toString()).contains("violation.first").contains("violation.second");
    }
}
