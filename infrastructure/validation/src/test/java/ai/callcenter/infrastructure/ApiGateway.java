package ai.callcenter.infrastructure;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static ai.callcenter.infrastructure.K8s.get;
import static ai.callcenter.infrastructure.K8s.id;
import static ai.callcenter.infrastructure.K8s.list;
import static ai.callcenter.infrastructure.K8s.map;
import static ai.callcenter.infrastructure.K8s.maps;
import static ai.callcenter.infrastructure.K8s.name;
import static ai.callcenter.infrastructure.K8s.ofKind;

/**
 * The API host's access control, read from a render: the Ingress sends the API to the API gateway (nginx with
 * njs, k8s/base/api-gateway), whose nginx.conf (in the render's ConfigMap) refuses a missing or unknown X-API-Key
 * with 401, keeps a request budget per key (limit_req keyed on the key's client, 429 with Retry-After beyond it)
 * and forwards exactly the public API to the agent's API port. Each check returns violations (empty = compliant).
 */
public final class ApiGateway {

    public static final String CONFIG_MAP = "api-gateway-config";
    public static final String CONFIG_DIR = "/etc/nginx/gateway";
    public static final String KEYS_DIR = "/etc/nginx/api-keys";
    public static final String KEYS_SECRET = "api-keys";
    /** The paths that need an API key (the OpenAPI document is public). */
    public static final Set<String> KEYED_PATHS = new TreeSet<>(Set.of("/predict", "/predict/batch", "/feedback"));
    /** Annotations the controller rejects at its default risk level (Critical), or no longer has (global rate limit, v1.12). */
    private static final Pattern UNSUPPORTED_ANNOTATION = Pattern.compile("nginx\\.ingress\\.kubernetes\\.io/(.*-snippet|global-rate-limit.*)");
    private static final Pattern RATE = Pattern.compile("rate=([0-9]+)r/s");

    private ApiGateway() {
    }

    /** The gateway's configuration files (nginx.conf, api-key.js) from the render's ConfigMap. */
    public static Map<String, Object> configFiles(List<Map<String, Object>> objects) {
        return ofKind(objects, "ConfigMap").stream().filter(cm -> CONFIG_MAP.equals(HelmChartTest.stripHash(name(cm))))
                .findFirst().map(cm -> map(cm, "data")).orElse(Map.of());
    }

    public static NginxConf.Directive conf(List<Map<String, Object>> objects) {
        Object text = configFiles(objects).get("nginx.conf");
        if (text == null) {
            throw new AssertionError("no " + CONFIG_MAP + " ConfigMap with nginx.conf in the render");
        }
        return NginxConf.parse(String.valueOf(text));
    }

    /** The server block the Service's http port leads to. */
    static Optional<NginxConf.Directive> apiServer(NginxConf.Directive conf, Object port) {
        return conf.first("http").stream().flatMap(h -> h.all("server").stream())
                .filter(s -> s.all("listen").stream().anyMatch(l -> String.valueOf(port).equals(l.arg(0)))).findFirst();
    }

    /** What the gateway does with a request path: "proxy <upstream>", "key+limit proxy <upstream>", "return N", or "none". */
    public static String route(NginxConf.Directive server, String path) {
        var exact = server.all("location").stream().filter(l -> "=".equals(l.arg(0)) && path.equals(l.arg(1))).findFirst();
        var chosen = exact.or(() -> server.all("location").stream()
                .filter(l -> l.args().size() == 1 && !l.arg(0).startsWith("@") && path.startsWith(l.arg(0)))
                .max((a, b) -> Integer.compare(a.arg(0).length(), b.arg(0).length())));
        if (chosen.isEmpty()) {
            return "none";
        }
        var loc = chosen.get();
        var ret = loc.first("return");
        if (ret.isPresent()) {
            return "return " + ret.get().arg(0);
        }
        var proxy = loc.first("proxy_pass");
        if (proxy.isEmpty()) {
            return "none";
        }
        boolean keyed = loc.all("if").stream().anyMatch(i -> i.args().equals(List.of("($api_client", "=", "", ")"))
                && i.first("return").map(r -> "401".equals(r.arg(0))).orElse(false));
        boolean limited = !loc.all("limit_req").isEmpty();
        return (keyed ? "key+" : "") + (limited ? "limit " : "") + "proxy " + proxy.get().arg(0);
    }

    /** The checks on one render. */
    public static List<String> check(List<Map<String, Object>> objects) {
        List<String> v = new ArrayList<>();
        var files = configFiles(objects);
        if (files.isEmpty()) {
            return List.of("no " + CONFIG_MAP + " ConfigMap in the render");
        }
        String cmName = ofKind(objects, "ConfigMap").stream().map(K8s::name)
                .filter(n -> CONFIG_MAP.equals(HelmChartTest.stripHash(n))).findFirst().orElseThrow();
        var conf = conf(objects);
        var http = conf.first("http").orElse(null);
        if (http == null) {
            return List.of("nginx.conf has no http block");
        }

        // The key check: SHA-256 of X-API-Key in njs, looked up in the digests of the Secret.
        String js = String.valueOf(files.get("api-key.js"));
        if (!js.contains("createHash('sha256')") || !js.contains("headersIn['X-API-Key']")) {
            v.add("api-key.js does not hash the X-API-Key header with SHA-256");
        }
        if (conf.all("load_module").stream().noneMatch(m -> m.arg(0).endsWith("ngx_http_js_module.so"))) {
            v.add("nginx.conf does not load the njs module");
        }
        var jsImport = http.first("js_import");
        if (jsImport.isEmpty() || !(CONFIG_DIR + "/api-key.js").equals(jsImport.get().arg(2))) {
            v.add("js_import does not load " + CONFIG_DIR + "/api-key.js");
        }
        var jsSet = http.all("js_set").stream().filter(d -> "$api_key_digest".equals(d.arg(0))).findFirst();
        if (jsSet.isEmpty() || jsImport.isEmpty() || !(jsImport.get().arg(0) + ".digest").equals(jsSet.get().arg(1))) {
            v.add("$api_key_digest is not set by the njs digest function");
        }
        var clients = http.all("map").stream().filter(m -> m.args().equals(List.of("$api_key_digest", "$api_client"))).findFirst();
        if (clients.isEmpty()) {
            v.add("no map $api_key_digest $api_client");
        } else {
            if (!clients.get().first("default").map(d -> "".equals(d.arg(0))).orElse(false)) {
                v.add("map $api_key_digest $api_client: an unknown key must map to \"\" (default \"\")");
            }
            if (!clients.get().first("include").map(d -> d.arg(0).startsWith(KEYS_DIR + "/")).orElse(false)) {
                v.add("map $api_key_digest $api_client does not include the keys from " + KEYS_DIR);
            }
        }

        // The budget: one limit_req zone keyed on the key's client, 429 beyond it.
        var zones = http.all("limit_req_zone");
        for (var z : zones) {
            if (!"$api_client".equals(z.arg(0))) {
                v.add("limit_req_zone keyed on " + z.arg(0) + ", not on the API key's client ($api_client)");
            }
        }
        final String perKeyZone = zoneOf(zones);
        if (perKeyZone == null) {
            v.add("no limit_req_zone keyed on $api_client");
        }
        if (!http.first("limit_req_status").map(d -> "429".equals(d.arg(0))).orElse(false)) {
            v.add("limit_req_status is not 429");
        }

        // The server behind the Service's http port.
        var svc = ofKind(objects, "Service").stream().filter(s -> Exposure.API_GATEWAY.equals(name(s))).findFirst();
        var deployment = ofKind(objects, "Deployment").stream().filter(d -> Exposure.API_GATEWAY.equals(name(d))).findFirst();
        if (svc.isEmpty() || deployment.isEmpty()) {
            v.add("no Service and Deployment " + Exposure.API_GATEWAY);
            return v;
        }
        var target = Exposure.resolve(objects, Exposure.API_GATEWAY, "http");
        var server = target.flatMap(t -> apiServer(conf, t.containerPort()));
        if (server.isEmpty()) {
            v.add("no server in nginx.conf listens on the container port of Service " + Exposure.API_GATEWAY + ":http");
            return v;
        }
        var s = server.get();
        if (s.all("proxy_set_header").stream().noneMatch(h -> h.args().equals(List.of("X-API-Key", "")))) {
            v.add("the gateway passes the X-API-Key on to the agent (proxy_set_header X-API-Key \"\")");
        }
        Set<String> apiPaths = Exposure.publicApiPaths();
        for (var loc : s.all("location")) {
            if (loc.arg(0).startsWith("@")) {
                continue;
            }
            boolean exact = "=".equals(loc.arg(0));
            String path = exact ? loc.arg(1) : loc.arg(0);
            String r = route(s, path);
            if (exact && apiPaths.contains(path)) {
                String expected = KEYED_PATHS.contains(path) ? "key+limit proxy http://agent" : "proxy http://agent";
                if (!r.equals(expected)) {
                    v.add("location = " + path + ": " + r + ", expected " + expected);
                }
                if (KEYED_PATHS.contains(path) && loc.all("limit_req").stream().noneMatch(l -> l.args().contains("zone=" + perKeyZone))) {
                    v.add("location = " + path + ": limit_req does not use the per-key zone");
                }
            } else if (!r.startsWith("return 404")) {
                v.add("location " + String.join(" ", loc.args()) + ": " + r + " (only the public API may be forwarded; the rest answers 404)");
            }
        }
        for (String path : apiPaths) {
            if (!route(s, path).contains("proxy http://agent")) {
                v.add("the gateway does not forward " + path + " (" + route(s, path) + ")");
            }
        }
        for (String probe : Exposure.FORBIDDEN_PROBES) {
            if (!apiPaths.contains(probe) && !route(s, probe).equals("return 404")) {
                v.add("the gateway answers " + probe + " with " + route(s, probe) + ", not 404");
            }
        }
        // 429 answers carry Retry-After.
        var page429 = s.all("error_page").stream().filter(e -> e.args().contains("429")).findFirst();
        var named = page429.flatMap(e -> s.all("location").stream().filter(l -> l.arg(0).equals(e.arg(e.args().size() - 1))).findFirst());
        if (named.isEmpty() || named.get().all("add_header").stream().noneMatch(h -> "Retry-After".equals(h.arg(0)) && h.args().contains("always"))
                || !named.get().first("return").map(r -> "429".equals(r.arg(0))).orElse(false)) {
            v.add("a 429 does not answer with a Retry-After header (error_page 429 -> a location with add_header Retry-After ... always)");
        }
        // The upstream is the agent's API port.
        var upstream = http.all("upstream").stream().filter(u -> "agent".equals(u.arg(0))).findFirst();
        if (upstream.isEmpty() || upstream.get().all("server").stream()
                .noneMatch(x -> ("agent:" + Exposure.API_PORTS.get("agent")).equals(x.arg(0)))) {
            v.add("upstream agent is not agent:" + Exposure.API_PORTS.get("agent"));
        }

        // The pod runs this file with these mounts.
        var pod = K8s.podTemplate(deployment.get());
        var c = maps(pod, "spec", "containers").get(0);
        if (!Policies.commandLine(c).containsAll(List.of("-c", CONFIG_DIR + "/nginx.conf"))) {
            v.add(id(deployment.get()) + ": does not run nginx -c " + CONFIG_DIR + "/nginx.conf");
        }
        Map<String, String> mounts = new java.util.HashMap<>();
        maps(c, "volumeMounts").forEach(m -> mounts.put(String.valueOf(m.get("name")), String.valueOf(m.get("mountPath"))));
        for (var vol : maps(pod, "spec", "volumes")) {
            Object cm = get(vol, "configMap", "name");
            Object secret = get(vol, "secret", "secretName");
            if (Objects.equals(cm, cmName) && !CONFIG_DIR.equals(mounts.get(String.valueOf(vol.get("name"))))) {
                v.add(id(deployment.get()) + ": " + cmName + " is not mounted at " + CONFIG_DIR);
            }
            if (KEYS_SECRET.equals(secret) && !KEYS_DIR.equals(mounts.get(String.valueOf(vol.get("name"))))) {
                v.add(id(deployment.get()) + ": Secret " + KEYS_SECRET + " is not mounted at " + KEYS_DIR);
            }
        }
        if (maps(pod, "spec", "volumes").stream().noneMatch(vol -> Objects.equals(get(vol, "configMap", "name"), cmName))) {
            v.add(id(deployment.get()) + ": does not mount " + cmName);
        }
        if (maps(pod, "spec", "volumes").stream().noneMatch(vol -> KEYS_SECRET.equals(get(vol, "secret", "secretName")))) {
            v.add(id(deployment.get()) + ": does not mount the Secret " + KEYS_SECRET);
        }
        return v;
    }

    static String zoneOf(List<NginxConf.Directive> zones) {
        return zones.stream().filter(z -> "$api_client".equals(z.arg(0))).flatMap(z -> z.args().stream())
                .filter(a -> a.startsWith("zone=")).map(a -> a.substring(5, a.indexOf(':'))).findFirst().orElse(null);
    }

    /** The per-key rate of one gateway replica (requests/s), from limit_req_zone (0: none). */
    public static int perKeyRate(List<Map<String, Object>> objects) {
        var zones = conf(objects).first("http").orElseThrow().all("limit_req_zone");
        var zone = zones.stream().filter(z -> "$api_client".equals(z.arg(0))).findFirst().or(() -> zones.stream().findFirst());
        Matcher m = RATE.matcher(zone.map(z -> String.join(" ", z.args())).orElse(""));
        return m.find() ? Integer.parseInt(m.group(1)) : 0;
    }

    /**
     * The Ingresses: no annotation the controller refuses at its default risk level or no longer supports; the
     * per-IP flood guard of the API host leaves room for several keys behind one address (five keys' budgets);
     * the admin hosts ask for basic auth with the htpasswd Secret from an ExternalSecret.
     */
    public static List<String> ingresses(List<Map<String, Object>> objects) {
        List<String> v = new ArrayList<>();
        var gateway = ofKind(objects, "Deployment").stream().filter(d -> Exposure.API_GATEWAY.equals(name(d))).findFirst();
        int replicas = gateway.map(d -> get(d, "spec", "replicas")).map(r -> ((Number) r).intValue()).orElse(1);
        int perKey = perKeyRate(objects) * replicas;
        for (var ing : ofKind(objects, "Ingress")) {
            var ann = map(ing, "metadata", "annotations");
            ann.keySet().stream().filter(k -> UNSUPPORTED_ANNOTATION.matcher(k).matches())
                    .forEach(k -> v.add(id(ing) + ": " + k + " (Critical risk or removed in ingress-nginx v1.12)"));
            for (var rule : maps(ing, "spec", "rules")) {
                String host = String.valueOf(rule.get("host"));
                if (Exposure.isApiHost(host)) {
                    Object rps = ann.get("nginx.ingress.kubernetes.io/limit-rps");
                    if (rps != null && Integer.parseInt(String.valueOf(rps)) < 5 * perKey) {
                        v.add(id(ing) + ": the per-IP limit-rps " + rps + " caps several keys behind one address below"
                                + " five keys' budgets (" + 5 * perKey + "/s)");
                    }
                }
                if (host.matches("^([a-z]+-)?(mlflow|grafana)\\..*")) {
                    Object secret = ann.get("nginx.ingress.kubernetes.io/auth-secret");
                    if (!"basic".equals(ann.get("nginx.ingress.kubernetes.io/auth-type")) || secret == null
                            || ofKind(objects, "ExternalSecret").stream().noneMatch(es -> secret.equals(get(es, "spec", "target", "name"))
                            && list(es, "spec", "data").stream().anyMatch(d -> d instanceof Map<?, ?> m && "auth".equals(m.get("secretKey"))))) {
                        v.add(id(ing) + ": admin host " + host + " is not behind basic auth with an htpasswd Secret (key auth)");
                    }
                    maps(rule, "http", "paths").stream().filter(p -> Exposure.API_GATEWAY.equals(get(p, "backend", "service", "name")))
                            .forEach(p -> v.add(id(ing) + ": admin host " + host + " routes to the API gateway"));
                }
            }
        }
        return v;
    }
}
