package ai.callcenter.infrastructure;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;

import static ai.callcenter.infrastructure.K8s.get;
import static ai.callcenter.infrastructure.K8s.id;
import static ai.callcenter.infrastructure.K8s.kind;
import static ai.callcenter.infrastructure.K8s.list;
import static ai.callcenter.infrastructure.K8s.map;
import static ai.callcenter.infrastructure.K8s.maps;
import static ai.callcenter.infrastructure.K8s.name;
import static ai.callcenter.infrastructure.K8s.ofKind;
import static ai.callcenter.infrastructure.K8s.podTemplate;

/**
 * Policy checks over rendered objects. Each returns human-readable violations (empty = compliant),
 * so tests can both assert a render is clean and assert that a deliberately broken copy is caught.
 */
public final class Policies {

    public static final List<String> APP_SERVICES = List.of("agent", "tfidf", "transformer");
    private static final Pattern SECRET_LIKE = Pattern.compile(".*(PASSWORD|SECRET|TOKEN|API_KEY|APIKEY|CREDENTIAL).*");

    private Policies() {
    }

    static List<Map<String, Object>> workloads(List<Map<String, Object>> objects) {
        return objects.stream().filter(K8s::isWorkload).toList();
    }

    static List<Map<String, Object>> containers(Map<String, Object> workload) {
        List<Map<String, Object>> all = new ArrayList<>(maps(podTemplate(workload), "spec", "containers"));
        all.addAll(maps(podTemplate(workload), "spec", "initContainers"));
        return all;
    }

    /** Probes, requests/limits, hardened securityContext, graceful shutdown for every container. */
    public static List<String> containerHardening(List<Map<String, Object>> objects) {
        List<String> v = new ArrayList<>();
        for (var w : workloads(objects)) {
            var podSpec = map(podTemplate(w), "spec");
            var podSec = map(podSpec, "securityContext");
            if (!"RuntimeDefault".equals(get(podSec, "seccompProfile", "type"))) {
                v.add(id(w) + ": pod securityContext.seccompProfile.type must be RuntimeDefault");
            }
            if (podSpec.get("terminationGracePeriodSeconds") == null) {
                v.add(id(w) + ": terminationGracePeriodSeconds not set");
            }
            for (var c : containers(w)) {
                String where = id(w) + " container " + c.get("name");
                boolean init = maps(podTemplate(w), "spec", "initContainers").contains(c);
                // A batch pod (the PostgreSQL backup) runs to completion: no probes, nothing to drain.
                if (!init && !K8s.isBatch(w)) {
                    for (String probe : List.of("startupProbe", "livenessProbe", "readinessProbe")) {
                        if (c.get(probe) == null) {
                            v.add(where + ": no " + probe);
                        }
                    }
                    if (get(c, "lifecycle", "preStop") == null) {
                        v.add(where + ": no preStop hook (graceful shutdown)");
                    }
                }
                for (String section : List.of("requests", "limits")) {
                    for (String res : List.of("cpu", "memory")) {
                        if (get(c, "resources", section, res) == null) {
                            v.add(where + ": resources." + section + "." + res + " not set");
                        }
                    }
                }
                var sec = map(c, "securityContext");
                Object nonRoot = sec.containsKey("runAsNonRoot") ? sec.get("runAsNonRoot") : podSec.get("runAsNonRoot");
                if (!Boolean.TRUE.equals(nonRoot)) {
                    v.add(where + ": runAsNonRoot is not true");
                }
                Object uid = sec.containsKey("runAsUser") ? sec.get("runAsUser") : podSec.get("runAsUser");
                if (uid instanceof Number n && n.longValue() == 0) {
                    v.add(where + ": runs as uid 0");
                }
                if (!Boolean.TRUE.equals(sec.get("readOnlyRootFilesystem"))) {
                    v.add(where + ": readOnlyRootFilesystem is not true");
                }
                if (!Boolean.FALSE.equals(sec.get("allowPrivilegeEscalation"))) {
                    v.add(where + ": allowPrivilegeEscalation is not false");
                }
                if (Boolean.TRUE.equals(sec.get("privileged"))) {
                    v.add(where + ": privileged");
                }
                if (!list(sec, "capabilities", "drop").contains("ALL")) {
                    v.add(where + ": capabilities.drop does not contain ALL");
                }
                if (list(sec, "capabilities", "add").size() > 0) {
                    v.add(where + ": adds capabilities");
                }
            }
        }
        return v;
    }

    /** Pinned images: a tag that is not latest (or a digest). */
    public static List<String> imagesPinned(List<Map<String, Object>> objects) {
        List<String> v = new ArrayList<>();
        for (var w : workloads(objects)) {
            for (var c : containers(w)) {
                String image = String.valueOf(c.get("image"));
                String last = image.substring(image.lastIndexOf('/') + 1);
                if (image.contains("@sha256:")) {
                    continue;
                }
                if (!last.contains(":")) {
                    v.add(id(w) + ": image " + image + " has no tag");
                } else {
                    String tag = last.substring(last.indexOf(':') + 1);
                    if (tag.isBlank() || tag.equalsIgnoreCase("latest") || tag.equalsIgnoreCase("stable")
                            || tag.equalsIgnoreCase("main") || tag.equalsIgnoreCase("master")) {
                        v.add(id(w) + ": image " + image + " uses a floating tag");
                    }
                }
            }
        }
        return v;
    }

    /** Own ServiceAccounts with token automount off. */
    public static List<String> serviceAccounts(List<Map<String, Object>> objects) {
        List<String> v = new ArrayList<>();
        Set<String> accounts = new HashSet<>();
        for (var sa : ofKind(objects, "ServiceAccount")) {
            accounts.add(name(sa));
            if (!Boolean.FALSE.equals(sa.get("automountServiceAccountToken"))) {
                v.add(id(sa) + ": automountServiceAccountToken is not false");
            }
        }
        for (var w : workloads(objects)) {
            var spec = map(podTemplate(w), "spec");
            Object sa = spec.get("serviceAccountName");
            if (sa == null || "default".equals(sa) || !accounts.contains(String.valueOf(sa))) {
                v.add(id(w) + ": must run as its own ServiceAccount from the render, has " + sa);
            }
            if (!Boolean.FALSE.equals(spec.get("automountServiceAccountToken"))) {
                v.add(id(w) + ": pod automountServiceAccountToken is not false");
            }
        }
        return v;
    }

    /** app.kubernetes.io labels on every object and on every pod template. */
    public static List<String> labels(List<Map<String, Object>> objects) {
        List<String> v = new ArrayList<>();
        for (var o : objects) {
            var l = map(o, "metadata", "labels");
            for (String key : List.of("app.kubernetes.io/part-of", "app.kubernetes.io/managed-by")) {
                if (l.get(key) == null) {
                    v.add(id(o) + ": missing label " + key);
                }
            }
            if (l.get("app.kubernetes.io/part-of") != null && !"callcenter-ai".equals(l.get("app.kubernetes.io/part-of"))) {
                v.add(id(o) + ": app.kubernetes.io/part-of is not callcenter-ai");
            }
        }
        for (var w : workloads(objects)) {
            var l = map(podTemplate(w), "metadata", "labels");
            for (String key : List.of("app.kubernetes.io/name", "app.kubernetes.io/component", "app.kubernetes.io/part-of")) {
                if (l.get(key) == null) {
                    v.add(id(w) + ": pod template misses label " + key);
                }
            }
        }
        return v;
    }

    /** No Secret objects, secret-looking env vars only by reference, references resolvable. */
    public static List<String> secrets(List<Map<String, Object>> objects) {
        List<String> v = new ArrayList<>();
        for (var o : ofKind(objects, "Secret")) {
            v.add(id(o) + ": Secret objects must not be in git; use an ExternalSecret");
        }
        Set<String> secretNames = new HashSet<>();
        for (var es : ofKind(objects, "ExternalSecret")) {
            secretNames.add(String.valueOf(get(es, "spec", "target", "name")));
        }
        for (var cert : ofKind(objects, "Certificate")) {
            secretNames.add(String.valueOf(get(cert, "spec", "secretName")));
        }
        Set<String> configMaps = new HashSet<>();
        ofKind(objects, "ConfigMap").forEach(cm -> configMaps.add(name(cm)));
        for (var w : workloads(objects)) {
            for (var c : containers(w)) {
                for (var env : maps(c, "env")) {
                    String n = String.valueOf(env.get("name"));
                    if (env.containsKey("value") && SECRET_LIKE.matcher(n).matches()) {
                        v.add(id(w) + ": env " + n + " looks secret but has a literal value");
                    }
                    Object ref = get(env, "valueFrom", "secretKeyRef", "name");
                    if (ref != null && !secretNames.contains(String.valueOf(ref))) {
                        v.add(id(w) + ": env " + n + " references Secret " + ref + " that no ExternalSecret creates");
                    }
                    Object cmRef = get(env, "valueFrom", "configMapKeyRef", "name");
                    if (cmRef != null && !configMaps.contains(String.valueOf(cmRef))) {
                        v.add(id(w) + ": env " + n + " references missing ConfigMap " + cmRef);
                    }
                }
                for (var ef : maps(c, "envFrom")) {
                    Object cmRef = get(ef, "configMapRef", "name");
                    if (cmRef != null && !configMaps.contains(String.valueOf(cmRef))) {
                        v.add(id(w) + ": envFrom references missing ConfigMap " + cmRef);
                    }
                    if (ef.containsKey("secretRef") && !secretNames.contains(String.valueOf(get(ef, "secretRef", "name")))) {
                        v.add(id(w) + ": envFrom references unknown Secret");
                    }
                }
            }
            for (var vol : maps(podTemplate(w), "spec", "volumes")) {
                Object s = get(vol, "secret", "secretName");
                if (s != null && !secretNames.contains(String.valueOf(s))) {
                    v.add(id(w) + ": volume uses Secret " + s + " that no ExternalSecret creates");
                }
                Object cm = get(vol, "configMap", "name");
                if (cm != null && !configMaps.contains(String.valueOf(cm))) {
                    v.add(id(w) + ": volume uses missing ConfigMap " + cm);
                }
            }
        }
        return v;
    }

    /** A user:password@ part in a URI. */
    private static final Pattern URI_WITH_CREDENTIALS = Pattern.compile("[A-Za-z][A-Za-z0-9+.-]*://[^/\\s:@\"']+:[^/\\s@\"']+@");
    /** A command-line option that takes a password (--password=..., --db-password ...). */
    private static final Pattern PASSWORD_OPTION = Pattern.compile("(?i)(^|\\s)--?[a-z-]*pass(word|wd)?[a-z-]*(=|\\s|$)");

    /** A container's command line as the pod spec gives it: command then args. */
    static List<String> commandLine(Map<String, Object> container) {
        List<String> words = new ArrayList<>();
        list(container, "command").forEach(w -> words.add(String.valueOf(w)));
        list(container, "args").forEach(w -> words.add(String.valueOf(w)));
        return words;
    }

    /** $(NAME) (expanded by the kubelet), $NAME or ${NAME} (expanded by a shell). */
    private static Pattern expansionOf(String name) {
        String n = Pattern.quote(name);
        return Pattern.compile("\\$(\\(" + n + "\\)|\\{" + n + "[}:#%/=+?-]|" + n + "(?![A-Za-z0-9_]))");
    }

    /**
     * No credentials on a command line, where ps on the node and anyone who can read the process table
     * see them: no {@code --backend-store-uri} (MLflow reads it from MLFLOW_BACKEND_STORE_URI), no URI
     * with user:password@, no password option, no Secret-backed env var expanded into command or args
     * (by the kubelet or a shell). Nor is a Secret spliced raw into another env var ($(NAME) in a value):
     * a password with @, / or : breaks the URI it is pasted into.
     */
    public static List<String> credentialsOffCommandLines(List<Map<String, Object>> objects) {
        List<String> v = new ArrayList<>();
        for (var w : workloads(objects)) {
            for (var c : containers(w)) {
                String where = id(w) + " container " + c.get("name");
                List<String> secretVars = maps(c, "env").stream()
                        .filter(e -> get(e, "valueFrom", "secretKeyRef") != null)
                        .map(e -> String.valueOf(e.get("name"))).toList();
                for (String word : commandLine(c)) {
                    if (word.contains("--backend-store-uri")) {
                        v.add(where + ": --backend-store-uri on the command line (MLflow reads MLFLOW_BACKEND_STORE_URI)");
                    }
                    if (URI_WITH_CREDENTIALS.matcher(word).find()) {
                        v.add(where + ": a URI with user:password@ on the command line");
                    }
                    if (PASSWORD_OPTION.matcher(word).find()) {
                        v.add(where + ": a password option on the command line");
                    }
                    for (String secret : secretVars) {
                        if (expansionOf(secret).matcher(word).find()) {
                            v.add(where + ": Secret-backed env " + secret + " is expanded into the command line");
                        }
                    }
                }
                for (var env : maps(c, "env")) {
                    Object value = env.get("value");
                    for (String secret : secretVars) {
                        if (value != null && String.valueOf(value).contains("$(" + secret + ")")) {
                            v.add(where + ": env " + env.get("name") + " splices Secret-backed " + secret
                                    + " in raw (not URL-encoded)");
                        }
                    }
                }
            }
        }
        return v;
    }

    /** RollingUpdate with maxUnavailable 0, except single-writer workloads on ReadWriteOnce volumes (Recreate). */
    public static List<String> rolloutStrategy(List<Map<String, Object>> objects) {
        List<String> v = new ArrayList<>();
        Set<String> rwoClaims = new HashSet<>();
        for (var pvc : ofKind(objects, "PersistentVolumeClaim")) {
            if (list(pvc, "spec", "accessModes").contains("ReadWriteOnce")) {
                rwoClaims.add(name(pvc));
            }
        }
        for (var d : ofKind(objects, "Deployment")) {
            String type = String.valueOf(get(d, "spec", "strategy", "type"));
            boolean usesRwo = maps(podTemplate(d), "spec", "volumes").stream()
                    .anyMatch(vol -> rwoClaims.contains(String.valueOf(get(vol, "persistentVolumeClaim", "claimName"))));
            if ("Recreate".equals(type)) {
                if (!usesRwo) {
                    v.add(id(d) + ": Recreate is only for single-writer pods on ReadWriteOnce volumes");
                }
            } else if (!"RollingUpdate".equals(type)) {
                v.add(id(d) + ": strategy must be RollingUpdate, is " + type);
            } else if (!Objects.equals(0, get(d, "spec", "strategy", "rollingUpdate", "maxUnavailable"))) {
                v.add(id(d) + ": rollingUpdate.maxUnavailable must be 0");
            }
        }
        return v;
    }

    public record HpaRange(int min, int max) {
    }

    /** HPAs for the three app services: the range, 70 % CPU and memory targets, scale-down stabilisation, live target. */
    public static List<String> hpas(List<Map<String, Object>> objects, HpaRange expected) {
        List<String> v = new ArrayList<>();
        for (String app : APP_SERVICES) {
            var found = ofKind(objects, "HorizontalPodAutoscaler").stream().filter(h -> app.equals(name(h))).toList();
            if (found.size() != 1) {
                v.add("expected exactly one HPA for " + app + ", found " + found.size());
                continue;
            }
            var h = found.get(0);
            if (!Objects.equals(expected.min(), get(h, "spec", "minReplicas"))
                    || !Objects.equals(expected.max(), get(h, "spec", "maxReplicas"))) {
                v.add(id(h) + ": replicas " + get(h, "spec", "minReplicas") + "-" + get(h, "spec", "maxReplicas")
                        + ", expected " + expected.min() + "-" + expected.max());
            }
            for (String res : List.of("cpu", "memory")) {
                boolean ok = maps(h, "spec", "metrics").stream().anyMatch(m -> "Resource".equals(m.get("type"))
                        && res.equals(get(m, "resource", "name"))
                        && "Utilization".equals(get(m, "resource", "target", "type"))
                        && Objects.equals(70, get(m, "resource", "target", "averageUtilization")));
                if (!ok) {
                    v.add(id(h) + ": no " + res + " utilisation target of 70 %");
                }
            }
            Object window = get(h, "spec", "behavior", "scaleDown", "stabilizationWindowSeconds");
            if (!(window instanceof Number n) || n.intValue() < 60) {
                v.add(id(h) + ": behavior.scaleDown.stabilizationWindowSeconds must be set (>= 60)");
            }
            String targetKind = String.valueOf(get(h, "spec", "scaleTargetRef", "kind"));
            String targetName = String.valueOf(get(h, "spec", "scaleTargetRef", "name"));
            if (objects.stream().noneMatch(o -> targetKind.equals(kind(o)) && targetName.equals(name(o)))) {
                v.add(id(h) + ": scales " + targetKind + "/" + targetName + " which is not in the render");
            }
            // The HPA owns the replica count: the target must not pin one.
            objects.stream().filter(o -> targetKind.equals(kind(o)) && targetName.equals(name(o)))
                    .filter(o -> get(o, "spec", "replicas") != null)
                    .forEach(o -> v.add(id(o) + ": sets spec.replicas although an HPA scales it"));
        }
        return v;
    }

    /** Production extras: a PDB per long-running workload and PriorityClasses used by every pod. */
    public static List<String> productionExtras(List<Map<String, Object>> objects) {
        List<String> v = new ArrayList<>();
        var pdbs = ofKind(objects, "PodDisruptionBudget");
        for (var w : workloads(objects).stream().filter(w -> !K8s.isBatch(w)).toList()) {
            var labels = map(podTemplate(w), "metadata", "labels");
            long matching = pdbs.stream().filter(p -> {
                var sel = map(p, "spec", "selector", "matchLabels");
                return !sel.isEmpty() && sel.entrySet().stream().allMatch(e -> Objects.equals(labels.get(e.getKey()), e.getValue()));
            }).count();
            if (matching != 1) {
                v.add(id(w) + ": " + matching + " PodDisruptionBudgets select it, expected exactly 1");
            }
        }
        Set<String> classes = new HashSet<>();
        ofKind(objects, "PriorityClass").forEach(pc -> classes.add(name(pc)));
        if (classes.isEmpty()) {
            v.add("no PriorityClass in the render");
        }
        for (var w : workloads(objects)) {
            Object pc = get(podTemplate(w), "spec", "priorityClassName");
            if (pc == null || !classes.contains(String.valueOf(pc))) {
                v.add(id(w) + ": priorityClassName " + pc + " is not one of the render's PriorityClasses " + classes);
            }
        }
        return v;
    }

    /** Every Ingress host has TLS from a cert-manager Certificate, rate limiting, and admin hosts need auth. */
    public static List<String> ingress(List<Map<String, Object>> objects, String issuer) {
        List<String> v = new ArrayList<>();
        var ingresses = ofKind(objects, "Ingress");
        if (ingresses.isEmpty()) {
            v.add("no Ingress in the render");
        }
        Map<String, Map<String, Object>> certsBySecret = new java.util.HashMap<>();
        ofKind(objects, "Certificate").forEach(c -> certsBySecret.put(String.valueOf(get(c, "spec", "secretName")), c));
        for (var ing : ingresses) {
            var ann = map(ing, "metadata", "annotations");
            if (!"nginx".equals(get(ing, "spec", "ingressClassName"))) {
                v.add(id(ing) + ": ingressClassName must be nginx");
            }
            if (ann.get("nginx.ingress.kubernetes.io/limit-rps") == null
                    || ann.get("nginx.ingress.kubernetes.io/limit-connections") == null) {
                v.add(id(ing) + ": no rate limit (limit-rps, limit-connections)");
            }
            Set<String> tlsHosts = new HashSet<>();
            for (var tls : maps(ing, "spec", "tls")) {
                String secret = String.valueOf(tls.get("secretName"));
                var cert = certsBySecret.get(secret);
                for (Object h : list(tls, "hosts")) {
                    tlsHosts.add(String.valueOf(h));
                    if (cert == null || !list(cert, "spec", "dnsNames").contains(h)) {
                        v.add(id(ing) + ": TLS host " + h + " is not covered by a Certificate for secret " + secret);
                    }
                }
                if (cert != null && !issuer.equals(get(cert, "spec", "issuerRef", "name"))) {
                    v.add(id(cert) + ": issued by " + get(cert, "spec", "issuerRef", "name") + ", expected " + issuer);
                }
            }
            for (var rule : maps(ing, "spec", "rules")) {
                String host = String.valueOf(rule.get("host"));
                if (!tlsHosts.contains(host)) {
                    v.add(id(ing) + ": host " + host + " has no TLS");
                }
                boolean admin = host.matches("^([a-z]+-)?(mlflow|grafana)\\..*");
                if (admin && (ann.get("nginx.ingress.kubernetes.io/auth-type") == null
                        || ann.get("nginx.ingress.kubernetes.io/auth-secret") == null)
                        && ann.get("nginx.ingress.kubernetes.io/auth-url") == null) {
                    v.add(id(ing) + ": admin host " + host + " is served without authentication");
                }
            }
            Object authSecret = ann.get("nginx.ingress.kubernetes.io/auth-secret");
            if (authSecret != null && ofKind(objects, "ExternalSecret").stream()
                    .noneMatch(es -> authSecret.equals(get(es, "spec", "target", "name")))) {
                v.add(id(ing) + ": auth secret " + authSecret + " is not created by any ExternalSecret");
            }
            if ("false".equals(ann.get("nginx.ingress.kubernetes.io/ssl-redirect"))) {
                v.add(id(ing) + ": ssl-redirect disabled");
            }
        }
        return v;
    }

    /** The hosts every environment must publish. */
    public static Set<String> expectedHosts(String env) {
        String prefix = "prod".equals(env) ? "" : env + "-";
        return Set.of(prefix + "api.callcenter-ai.com", prefix + "mlflow.callcenter-ai.com", prefix + "grafana.callcenter-ai.com");
    }

    public static Set<String> hosts(List<Map<String, Object>> objects) {
        Set<String> hosts = new HashSet<>();
        for (var ing : ofKind(objects, "Ingress")) {
            maps(ing, "spec", "rules").forEach(r -> hosts.add(String.valueOf(r.get("host"))));
        }
        return hosts;
    }

    /** Memory per pod in MiB from a Kubernetes quantity. */
    public static double mebibytes(Object quantity) {
        String q = String.valueOf(quantity);
        var m = Pattern.compile("^([0-9.]+)([A-Za-z]*)$").matcher(q);
        if (!m.matches()) {
            throw new IllegalArgumentException("bad quantity " + q);
        }
        double n = Double.parseDouble(m.group(1));
        return switch (m.group(2)) {
            case "Ki" -> n / 1024;
            case "Mi" -> n;
            case "Gi" -> n * 1024;
            case "M" -> n * 1e6 / 1048576;
            case "G" -> n * 1e9 / 1048576;
            case "" -> n / 1048576;
            default -> throw new IllegalArgumentException("unsupported unit in " + q);
        };
    }

    public static double millicores(Object quantity) {
        String q = String.valueOf(quantity);
        return q.endsWith("m") ? Double.parseDouble(q.substring(0, q.length() - 1)) : Double.parseDouble(q) * 1000;
    }
}
