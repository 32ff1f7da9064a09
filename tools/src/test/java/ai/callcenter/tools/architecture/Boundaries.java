package ai.callcenter.tools.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.CompositeArchRule;
import java.util.List;

/**
 * The module boundaries of the project, as rules over compiled classes (docs/architecture.md).
 * Every module's main code is on the tools' test classpath, so one test checks them all.
 */
final class Boundaries {

    static final String API = "ai.callcenter.api..";
    static final String ML_CORE = "ai.callcenter.ml..";
    static final String SERVING = "ai.callcenter.serving..";
    static final String MLFLOW = "ai.callcenter.mlflow..";
    static final String TOOLS = "ai.callcenter.tools..";
    static final List<String> SERVICES = List.of("tfidf", "transformer", "agent");

    private Boundaries() {
    }

    /** The wire contract is what a call-center app's client depends on: annotations only, no framework. */
    static final ArchRule API_NEEDS_NO_FRAMEWORK = classes().that().resideInAPackage(API)
            .should().onlyDependOnClassesThat().resideInAnyPackage(API, "java..", "com.fasterxml.jackson.annotation..",
                    "jakarta.validation..", "io.swagger.v3.oas.annotations..")
            .because("call-center apps depend on the api module without taking Spring or Jackson's databind with it");

    /** Datasets, metrics, model files and the MLflow client are used with or without Spring. */
    static final ArchRule ML_CORE_NEEDS_NO_SPRING = noClasses().that().resideInAnyPackage(ML_CORE, MLFLOW)
            .should().dependOnClassesThat().resideInAPackage("org.springframework..");

    /** Shared modules serve every service, so none of them may know one. */
    static final ArchRule SHARED_MODULES_KNOW_NO_SERVICE = noClasses().that().resideInAnyPackage(API, ML_CORE, SERVING, MLFLOW)
            .should().dependOnClassesThat().resideInAnyPackage(servicePackages(SERVICES).toArray(String[]::new))
            .orShould().dependOnClassesThat().resideInAPackage(TOOLS);

    /** Services talk to each other over HTTP through the api records, never through each other's code. */
    static final ArchRule SERVICES_DO_NOT_IMPORT_EACH_OTHER = CompositeArchRule.of(SERVICES.stream()
            .map(service -> noClasses().that().resideInAPackage("ai.callcenter." + service + "..")
                    .should().dependOnClassesThat().resideInAnyPackage(servicePackages(
                            SERVICES.stream().filter(other -> !other.equals(service)).toList()).toArray(String[]::new))
                    .as("no class of the " + service + " service depends on another service")
                    .allowEmptyShould(true))
            .map(ArchRule.class::cast).toList()).as("services do not import each other");

    /** The tools make the artifacts; nothing that serves may depend on them. */
    static final ArchRule NOTHING_SERVED_USES_THE_TOOLS = noClasses().that().resideOutsideOfPackage(TOOLS)
            .should().dependOnClassesThat().resideInAPackage(TOOLS);

    /** The agent uses the shared errors and cache, not the classifier endpoints. */
    static final ArchRule AGENT_IS_NOT_A_CLASSIFIER = noClasses().that().resideInAPackage("ai.callcenter.agent..")
            .should().dependOnClassesThat().resideInAPackage("ai.callcenter.serving.classifier..");

    /** A service's web package is its top: feature packages never reach up into it. */
    static final ArchRule WEB_IS_THE_TOP_OF_A_SERVICE = CompositeArchRule.of(SERVICES.stream()
            .map(service -> noClasses().that().resideInAPackage("ai.callcenter." + service + "..")
                    .and().resideOutsideOfPackage("ai.callcenter." + service + ".web..")
                    .should().dependOnClassesThat().resideInAPackage("ai.callcenter." + service + ".web..")
                    .as("no feature package of the " + service + " service depends on its web package")
                    .allowEmptyShould(true))
            .map(ArchRule.class::cast).toList()).as("web is the top of each service");

    /** Every package, in every module: a package cycle is two features that cannot be understood apart. */
    static final ArchRule NO_PACKAGE_CYCLES = slices().matching("ai.callcenter.(**)").should().beFreeOfCycles();

    static final List<ArchRule> ALL = List.of(API_NEEDS_NO_FRAMEWORK, ML_CORE_NEEDS_NO_SPRING, SHARED_MODULES_KNOW_NO_SERVICE,
            SERVICES_DO_NOT_IMPORT_EACH_OTHER, NOTHING_SERVED_USES_THE_TOOLS, AGENT_IS_NOT_A_CLASSIFIER,
            WEB_IS_THE_TOP_OF_A_SERVICE, NO_PACKAGE_CYCLES);

    private static List<String> servicePackages(List<String> services) {
        return services.stream().map(s -> "ai.callcenter." + s + "..").toList();
    }
}
