package ai.callcenter.infrastructure;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static ai.callcenter.infrastructure.K8s.find;
import static ai.callcenter.infrastructure.K8s.map;
import static ai.callcenter.infrastructure.K8s.maps;
import static org.assertj.core.api.Assertions.assertThat;

/** Deliberately broken manifests must make the validation fail. */
class BrokenManifestTest {

    /**
     * End to end: a copy of the dev overlay with a patch that typos a field renders fine with
     * kustomize (it does not know schemas), and the strict validation then rejects it.
     */
    @Test
    void aTypoInAnOverlayPatchFailsValidation() throws IOException {
        Path dir = Infra.workDir().resolve("broken-overlay");
        Files.createDirectories(dir);
        String overlay = dir.relativize(Infra.root().resolve("k8s/overlays/dev")).toString();
        Files.writeString(dir.resolve("typo.yaml"), """
                apiVersion: apps/v1
                kind: Deployment
                metadata:
                  name: agent
                spec:
                  template:
                    spec:
                      containers:
                        - name: agent
                          readinesProbe:
                            httpGet:
                              path: /actuator/health/readiness
                              port: http
                """);
        Files.writeString(dir.resolve("kustomization.yaml"), """
                apiVersion: kustomize.config.k8s.io/v1beta1
                kind: Kustomization
                resources:
                  - %s
                patches:
                  - path: typo.yaml
                """.formatted(overlay));
        var result = Renders.kustomize(dir);
        assertThat(result.exitCode()).as(result.describe()).isZero();
        var agent = find(Renders.parse(result.stdout()), "Deployment", "agent");
        assertThat(StrictKubernetesDecoder.validate(agent)).anyMatch(p -> p.contains("readinesProbe"));
    }

    @Test
    void builtInTyposAndWrongTypesAreRejected() {
        var objects = Renders.copyAll(Renders.get("overlay/prod"));
        var deployment = find(objects, "Deployment", "tfidf");
        assertThat(StrictKubernetesDecoder.validate(deployment)).isEmpty();

        var typo = Renders.copy(deployment);
        map(typo, "spec").put("replica", 3);
        assertThat(StrictKubernetesDecoder.validate(typo)).anyMatch(p -> p.contains("replica"));

        var wrongType = Renders.copy(deployment);
        maps(maps(K8s.podTemplate(wrongType), "spec", "containers").get(0), "ports").get(0).put("containerPort", "8001");
        assertThat(StrictKubernetesDecoder.validate(wrongType)).anyMatch(p -> p.contains("containerPort"));

        var wrongBool = Renders.copy(deployment);
        map(maps(K8s.podTemplate(wrongBool), "spec", "containers").get(0), "securityContext").put("readOnlyRootFilesystem", "yes");
        assertThat(StrictKubernetesDecoder.validate(wrongBool)).anyMatch(p -> p.contains("readOnlyRootFilesystem"));

        var missingRequired = Renders.copy(find(objects, "Service", "agent"));
        maps(missingRequired, "spec", "ports").get(0).remove("port");
        assertThat(StrictKubernetesDecoder.validate(missingRequired)).isNotEmpty();

        var badKind = Renders.copy(deployment);
        badKind.put("kind", "Deploymnet");
        assertThat(StrictKubernetesDecoder.validate(badKind)).anyMatch(p -> p.contains("no model"));

        var hpa = Renders.copy(find(objects, "HorizontalPodAutoscaler", "agent"));
        map(hpa, "spec", "behavior", "scaleDown").put("stabilisationWindowSeconds", 300);
        assertThat(StrictKubernetesDecoder.validate(hpa)).anyMatch(p -> p.contains("stabilisationWindowSeconds"));
    }

    @Test
    void customResourceTyposAndWrongTypesAreRejected() {
        var canary = Renders.copyAll(Renders.get("combo/prod+rollouts-canary"));
        var objects = Renders.copyAll(Renders.get("overlay/prod"));

        var cert = Renders.copy(find(objects, "Certificate", "callcenter-ai-tls"));
        map(cert, "spec").put("dnsName", List.of("x.callcenter-ai.com"));
        var es = Renders.copy(find(objects, "ExternalSecret", "groq-api-key"));
        maps(es, "spec", "data").get(0).put("remoteRef", Map.of("kye", "x"));
        var rollout = Renders.copy(find(canary, "Rollout", "agent"));
        maps(map(rollout, "spec", "strategy", "canary"), "steps").get(0).put("setWeight", "10");
        var analysis = Renders.copy(find(canary, "AnalysisTemplate", "error-rate"));
        maps(analysis, "spec", "metrics").get(0).put("sucessCondition", "true");
        var app = Renders.copy(find(Renders.get("argocd/apps"), "Application", "callcenter-ai-dev"));
        map(app, "spec", "syncPolicy", "automated").put("selfHeal", "yes");
        var project = Renders.copy(find(Renders.get("argocd/apps"), "AppProject", "callcenter-ai"));
        map(project, "spec").put("sourceRepo", List.of("x"));
        var issuer = Renders.copy(find(Renders.get("cluster"), "ClusterIssuer", "letsencrypt-prod"));
        map(issuer, "spec", "acme").put("serverURL", "https://example.invalid");

        var good = List.of(find(objects, "Certificate", "callcenter-ai-tls"), find(canary, "Rollout", "agent"));
        assertThat(CrdValidator.validate(good)).isEmpty();

        var problems = CrdValidator.validate(List.of(cert, es, rollout, analysis, app, project, issuer));
        assertThat(problems).containsOnlyKeys("Certificate/callcenter-ai-tls", "ExternalSecret/groq-api-key",
                "Rollout/agent", "AnalysisTemplate/error-rate", "Application/callcenter-ai-dev",
                "AppProject/callcenter-ai", "ClusterIssuer/letsencrypt-prod");
        assertThat(problems.get("Certificate/callcenter-ai-tls").toString()).contains("dnsName");
        assertThat(problems.get("Rollout/agent").toString()).contains("setWeight");
        assertThat(problems.get("AnalysisTemplate/error-rate").toString()).contains("sucessCondition");
    }

    @Test
    void brokenKustomizationFailsToRender() throws IOException {
        Path dir = Infra.workDir().resolve("broken-kustomization");
        Files.createDirectories(dir);
        String overlay = dir.relativize(Infra.root().resolve("k8s/overlays/dev")).toString();
        Files.writeString(dir.resolve("kustomization.yaml"), """
                apiVersion: kustomize.config.k8s.io/v1beta1
                kind: Kustomization
                resources:
                  - %s
                patchez:
                  - path: nothing.yaml
                """.formatted(overlay));
        assertThat(Renders.kustomize(dir).exitCode()).isNotZero();
    }
}
