package ai.callcenter.infrastructure;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static ai.callcenter.infrastructure.K8s.get;
import static ai.callcenter.infrastructure.K8s.id;
import static ai.callcenter.infrastructure.K8s.map;
import static ai.callcenter.infrastructure.K8s.maps;
import static ai.callcenter.infrastructure.K8s.name;
import static ai.callcenter.infrastructure.K8s.ofKind;

/**
 * What the public API host exposes, read from rendered objects: which request paths the NGINX
 * ingress controller forwards (the Ingress path semantics of the networking.k8s.io/v1 API), to which
 * container port they end up at (Ingress backend -> Service port -> targetPort -> container port),
 * and who may reach the services' management (actuator) ports according to the NetworkPolicy graph.
 * Each check returns human-readable violations (empty = compliant).
 */
public final class Exposure {

    /** The services whose actuator runs on a separate management port, and that port (obs contract). */
    public static final Map<String, Integer> MANAGEMENT_PORTS = Map.of("agent", 9000, "tfidf", 9001, "transformer", 9002);
    public static final Map<String, Integer> API_PORTS = Map.of("agent", 8000, "tfidf", 8001, "transformer", 8002);
    /** The API host's backend: it checks the API key and the key's budget and forwards the API to the agent. */
    public static final String API_GATEWAY = "api-gateway";
    /** Besides the controller's mappings, the public host serves the OpenAPI description of the API. */
    public static final Set<String> PUBLIC_EXTRAS = Set.of("/v3/api-docs");
    /** Paths the public host must never forward, whatever else it routes. */
    public static final List<String> FORBIDDEN_PROBES = List.of("/actuator", "/actuator/", "/actuator/health",
            "/actuator/health/liveness", "/actuator/health/readiness", "/actuator/prometheus", "/actuator/info",
            "/actuator/metrics", "/actuator/env", "/actuator/heapdump", "/swagger-ui/index.html", "/");

    private static final Pattern MAPPING = Pattern.compile(
            "@(?:Get|Post|Put|Delete|Patch|Request)Mapping\\s*\\(\\s*(?:(?:path|value)\\s*=\\s*)?\"([^\"]+)\"");

    private Exposure() {
    }

    /** The agent's public endpoints: the paths of the @...Mapping annotations in its web controllers. */
    public static Set<String> agentControllerPaths() {
        Path web = Infra.repoRoot().resolve("agent-service/src/main/java");
        Set<String> paths = new TreeSet<>();
        try (Stream<Path> files = Files.walk(web)) {
            for (Path p : files.filter(f -> f.toString().endsWith("Controller.java")
                    && f.getParent().getFileName().toString().equals("web")).toList()) {
                Matcher m = MAPPING.matcher(Files.readString(p));
                while (m.find()) {
                    paths.add(m.group(1));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return paths;
    }

    /** The public API paths: the controllers' mappings and the OpenAPI description. */
    public static Set<String> publicApiPaths() {
        Set<String> all = new TreeSet<>(agentControllerPaths());
        all.addAll(PUBLIC_EXTRAS);
        return all;
    }

    public static boolean isApiHost(String host) {
        return host.matches("^([a-z]+-)?api\\..*");
    }

    /** One Ingress path of a host: the request paths it matches, and where it sends them. */
    public record Route(String ingress, String host, String path, String pathType, String service, Object servicePort) {
        /** Ingress v1 semantics: Exact is the whole path; Prefix matches by path elements ("/" matches everything). */
        public boolean matches(String requestPath) {
            return switch (pathType) {
                case "Exact" -> requestPath.equals(path);
                case "Prefix" -> {
                    String p = path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
                    yield p.isEmpty() || requestPath.equals(p) || requestPath.startsWith(p + "/");
                }
                // ImplementationSpecific (regexes with NGINX): assume it matches anything.
                default -> true;
            };
        }
    }

    public static List<Route> routes(List<Map<String, Object>> objects) {
        List<Route> out = new ArrayList<>();
        for (var ing : ofKind(objects, "Ingress")) {
            for (var rule : maps(ing, "spec", "rules")) {
                for (var p : maps(rule, "http", "paths")) {
                    Object port = get(p, "backend", "service", "port", "name");
                    if (port == null) {
                        port = get(p, "backend", "service", "port", "number");
                    }
                    out.add(new Route(name(ing), String.valueOf(rule.get("host")), String.valueOf(p.get("path")),
                            String.valueOf(p.get("pathType")), String.valueOf(get(p, "backend", "service", "name")), port));
                }
            }
            if (get(ing, "spec", "defaultBackend") != null) {
                out.add(new Route(name(ing), "*", "/", "Prefix", String.valueOf(get(ing, "spec", "defaultBackend", "service", "name")),
                        get(ing, "spec", "defaultBackend", "service", "port", "name")));
            }
        }
        return out;
    }

    /** The container port (name and number) a Service port leads to, in the pods the Service selects. */
    public record Target(String workload, String portName, Object containerPort) {
    }

    public static Optional<Target> resolve(List<Map<String, Object>> objects, String service, Object servicePort) {
        var svc = ofKind(objects, "Service").stream().filter(s -> service.equals(name(s))).findFirst();
        if (svc.isEmpty()) {
            return Optional.empty();
        }
        var port = maps(svc.get(), "spec", "ports").stream()
                .filter(p -> Objects.equals(String.valueOf(p.get("name")), String.valueOf(servicePort))
                        || Objects.equals(String.valueOf(p.get("port")), String.valueOf(servicePort)))
                .findFirst();
        if (port.isEmpty()) {
            return Optional.empty();
        }
        Object targetPort = port.get().getOrDefault("targetPort", port.get().get("port"));
        var selector = map(svc.get(), "spec", "selector");
        for (var w : objects.stream().filter(K8s::isWorkload).toList()) {
            var labels = map(K8s.podTemplate(w), "metadata", "labels");
            if (selector.isEmpty() || !selector.entrySet().stream().allMatch(e -> Objects.equals(labels.get(e.getKey()), e.getValue()))) {
                continue;
            }
            for (var c : maps(K8s.podTemplate(w), "spec", "containers")) {
                for (var cp : maps(c, "ports")) {
                    if (Objects.equals(String.valueOf(cp.get("name")), String.valueOf(targetPort))
                            || Objects.equals(String.valueOf(cp.get("containerPort")), String.valueOf(targetPort))) {
                        return Optional.of(new Target(K8s.appName(w), String.valueOf(cp.get("name")), cp.get("containerPort")));
                    }
                }
            }
        }
        return Optional.empty();
    }

    /**
     * The public API host forwards exactly the agent's public API paths, with Exact paths, to the API gateway's
     * http port (ApiGateway checks what the gateway forwards); no actuator path and no management port is
     * reachable through any Ingress.
     */
    public static List<String> publicHost(List<Map<String, Object>> objects, Set<String> apiPaths) {
        List<String> v = new ArrayList<>();
        List<Route> routes = routes(objects);
        Set<String> apiHosts = new TreeSet<>();
        routes.stream().map(Route::host).filter(Exposure::isApiHost).forEach(apiHosts::add);
        if (apiHosts.isEmpty()) {
            v.add("no API host in the render");
        }
        for (Route r : routes) {
            var target = resolve(objects, r.service(), r.servicePort());
            String where = "Ingress/" + r.ingress() + " " + r.host() + r.path() + " (" + r.pathType() + ")";
            if (target.isEmpty()) {
                v.add(where + ": backend " + r.service() + ":" + r.servicePort() + " does not resolve to a container port");
            } else if ("management".equals(target.get().portName())
                    || MANAGEMENT_PORTS.containsValue(toInt(target.get().containerPort()))) {
                v.add(where + ": routes to the management port of " + target.get().workload());
            }
            for (String probe : FORBIDDEN_PROBES) {
                if (r.matches(probe) && !apiPaths.contains(probe) && (isApiHost(r.host()) || "*".equals(r.host()))) {
                    v.add(where + ": the public host forwards " + probe);
                }
            }
            if (!isApiHost(r.host())) {
                continue;
            }
            if (!"Exact".equals(r.pathType())) {
                v.add(where + ": API host paths must be Exact (a Prefix also forwards every path below it)");
            }
            if (!apiPaths.contains(r.path())) {
                v.add(where + ": not a public API path " + apiPaths);
            }
            if (target.isPresent() && !(API_GATEWAY.equals(target.get().workload()) && "http".equals(target.get().portName()))) {
                v.add(where + ": must go to the API gateway's http port (API key, budget per key), goes to " + target.get());
            }
        }
        for (String host : apiHosts) {
            for (String path : apiPaths) {
                if (routes.stream().noneMatch(r -> r.host().equals(host) && r.matches(path))) {
                    v.add(host + ": public API path " + path + " is not routed");
                }
            }
        }
        return v;
    }

    /**
     * agent, tfidf and transformer declare a container port named management (their MANAGEMENT_SERVER_PORT),
     * probe it, the headless Services publish it, and no Service that an Ingress or a client uses exposes it.
     */
    public static List<String> managementPorts(List<Map<String, Object>> objects) {
        List<String> v = new ArrayList<>();
        for (var e : MANAGEMENT_PORTS.entrySet()) {
            String app = e.getKey();
            var workload = objects.stream().filter(o -> K8s.isWorkload(o) && app.equals(K8s.appName(o))).findFirst();
            if (workload.isEmpty()) {
                v.add("no workload " + app);
                continue;
            }
            var c = maps(K8s.podTemplate(workload.get()), "spec", "containers").get(0);
            var mgmt = maps(c, "ports").stream().filter(p -> "management".equals(p.get("name"))).findFirst();
            if (mgmt.isEmpty() || !Objects.equals(toInt(mgmt.get().get("containerPort")), e.getValue())) {
                v.add(id(workload.get()) + ": no container port management " + e.getValue());
            }
            var env = maps(c, "env").stream().filter(x -> "MANAGEMENT_SERVER_PORT".equals(x.get("name"))).findFirst();
            if (env.isEmpty() || !String.valueOf(e.getValue()).equals(String.valueOf(env.get().get("value")))) {
                v.add(id(workload.get()) + ": MANAGEMENT_SERVER_PORT is not " + e.getValue());
            }
            for (String probe : List.of("startupProbe", "livenessProbe", "readinessProbe")) {
                Object port = get(c, probe, "httpGet", "port");
                if (!"management".equals(port) && !Objects.equals(toInt(port), e.getValue())) {
                    v.add(id(workload.get()) + ": " + probe + " is not on the management port (" + port + ")");
                }
                Object path = get(c, probe, "httpGet", "path");
                if (path == null || !String.valueOf(path).startsWith("/actuator/health")) {
                    v.add(id(workload.get()) + ": " + probe + " does not ask /actuator/health/..., asks " + path);
                }
            }
            for (var svc : ofKind(objects, "Service")) {
                if (!app.equals(map(svc, "spec", "selector").get("app.kubernetes.io/name"))) {
                    continue;
                }
                boolean headless = "None".equals(get(svc, "spec", "clusterIP"));
                boolean exposes = maps(svc, "spec", "ports").stream()
                        .anyMatch(p -> "management".equals(p.get("targetPort")) || Objects.equals(toInt(p.get("targetPort")), e.getValue()));
                if (headless && !exposes) {
                    v.add(id(svc) + ": the headless Service (Prometheus' discovery) does not publish the management port");
                }
                if (headless && !Boolean.TRUE.equals(get(svc, "spec", "publishNotReadyAddresses"))) {
                    v.add(id(svc) + ": unready pods must stay visible to Prometheus (publishNotReadyAddresses: true)");
                }
                if (!headless && exposes) {
                    v.add(id(svc) + ": a client-facing Service exposes the management port");
                }
            }
        }
        return v;
    }

    /** In the NetworkPolicy graph only Prometheus reaches a management port; ingress-nginx reaches only API ports. */
    public static List<String> managementReachability(Set<String> edges) {
        List<String> v = new ArrayList<>();
        for (String edge : edges) {
            String src = edge.substring(0, edge.indexOf(" -> "));
            String dst = edge.substring(edge.indexOf(" -> ") + 4);
            String app = dst.substring(0, dst.lastIndexOf(':'));
            String port = dst.substring(dst.lastIndexOf(':') + 1);
            Integer mgmt = MANAGEMENT_PORTS.get(app);
            if (mgmt == null) {
                continue;
            }
            boolean toManagement = port.startsWith("*") || port.equals(mgmt + "/TCP");
            if (toManagement && !"prometheus".equals(src)) {
                v.add("management port reachable by " + src + ": " + edge);
            }
            if ("ingress-nginx".equals(src) && !port.equals(API_PORTS.get(app) + "/TCP")) {
                v.add("the ingress controller reaches a non-API port: " + edge);
            }
        }
        for (String app : MANAGEMENT_PORTS.keySet()) {
            if (!edges.contains("prometheus -> " + app + ":" + MANAGEMENT_PORTS.get(app) + "/TCP")) {
                v.add("Prometheus cannot scrape " + app + " on its management port");
            }
        }
        return v;
    }

    static Integer toInt(Object o) {
        if (o instanceof Number n) {
            return n.intValue();
        }
        try {
            return o == null ? null : Integer.valueOf(String.valueOf(o));
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
