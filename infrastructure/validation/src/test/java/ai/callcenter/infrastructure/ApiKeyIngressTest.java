package ai.callcenter.infrastructure;

import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import static ai.callcenter.infrastructure.K8s.find;
import static ai.callcenter.infrastructure.K8s.map;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The Kubernetes API host, read from every render (overlays, overlays + delivery components, Helm): /predict,
 * /predict/batch and /feedback need a known X-API-Key (401 otherwise); each key has its own request budget, not
 * each client IP (429 with Retry-After beyond it); the admin hosts need basic auth; no /actuator path is reachable
 * on the API host. The Ingress sends the API to the API gateway (decision 0014), whose rendered nginx.conf is
 * checked statically here and, where nginx with njs is installed, run against a stand-in agent.
 */
class ApiKeyIngressTest {

    static List<String> renders() {
        return Environments.appRenders();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("renders")
    void theApiNeedsAKeyAndEachKeyHasItsOwnBudget(String render) {
        var objects = Renders.get(render);
        assertThat(ApiGateway.check(objects)).as("the API gateway of %s", render).isEmpty();
        assertThat(ApiGateway.ingresses(objects)).as("the Ingresses of %s", render).isEmpty();
        assertThat(Exposure.publicHost(objects, Exposure.publicApiPaths())).as("the API host of %s", render).isEmpty();
    }

    /** The rendered configuration, run: nginx with njs (Debian's nginx-light and libnginx-mod-http-js). */
    @Test
    void theRenderedGatewayAnswersAsDesigned() throws Exception {
        Path nginx = Infra.require("nginx", "NGINX_BIN",
                "Install nginx with njs (infrastructure/scripts/ci-setup.sh: apt nginx-light libnginx-mod-http-js).");
        var objects = Renders.get("overlay/prod");
        var files = ApiGateway.configFiles(objects);
        Path dir = Infra.workDir().resolve("api-gateway");
        deleteTree(dir);
        Files.createDirectories(dir.resolve("keys"));
        Files.createDirectories(dir.resolve("tmp"));

        List<Map<String, String>> seen = new CopyOnWriteArrayList<>();
        HttpServer agent = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        agent.createContext("/", exchange -> {
            seen.add(Map.of("path", exchange.getRequestURI().getPath(),
                    "key", String.valueOf(exchange.getRequestHeaders().getFirst("X-API-Key"))));
            byte[] body = "{\"ok\":true}".getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        agent.start();
        int port = freePort();
        int health = freePort();
        // "/tmp/" first: the work directory itself may lie under /tmp (a CI clone), and must not be rewritten again
        String conf = String.valueOf(files.get("nginx.conf"))
                .replace("/tmp/", dir + "/tmp/")
                .replace(ApiGateway.CONFIG_DIR + "/", dir + "/")
                .replace(ApiGateway.KEYS_DIR + "/", dir + "/keys/")
                .replace("server agent:8000;", "server 127.0.0.1:" + agent.getAddress().getPort() + ";")
                .replace("listen 8080;", "listen 127.0.0.1:" + port + ";")
                .replace("listen 8081;", "listen 127.0.0.1:" + health + ";");
        assertThat(conf).doesNotContain("agent:8000", "listen 8080", "/etc/nginx/");
        Files.writeString(dir.resolve("nginx.conf"), conf);
        Files.writeString(dir.resolve("api-key.js"), String.valueOf(files.get("api-key.js")));
        // The Secret's format: "<sha256 hex of the key> <client>;" per line.
        Files.writeString(dir.resolve("keys/clients.map"), sha256("key-of-crm-a") + " crm-a;\n" + sha256("key-of-crm-b") + " crm-b;\n");

        List<String> command = new ArrayList<>(List.of(nginx.toString(), "-p", dir.toString(), "-c", dir.resolve("nginx.conf").toString(),
                "-g", "daemon off;" + ("root".equals(System.getProperty("user.name")) ? " user root root;" : "")));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(dir.resolve("nginx.out").toFile()).start();
        try {
            HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(2)).build();
            String base = "http://127.0.0.1:" + port;
            waitFor(http, "http://127.0.0.1:" + health + "/healthz", process, dir);

            // No key, an unknown key: 401 (problem+json); a known key: the agent answers, without the key.
            assertThat(post(http, base + "/predict", null).statusCode()).isEqualTo(401);
            var unknown = post(http, base + "/predict", "not-a-key");
            assertThat(unknown.statusCode()).isEqualTo(401);
            assertThat(unknown.headers().firstValue("Content-Type")).hasValue("application/problem+json");
            for (String path : ApiGateway.KEYED_PATHS) {
                assertThat(post(http, base + path, null).statusCode()).as("%s without a key", path).isEqualTo(401);
                assertThat(post(http, base + path, "key-of-crm-a").statusCode()).as("%s with a key", path).isEqualTo(200);
            }
            assertThat(seen).isNotEmpty().allMatch(r -> "null".equals(r.get("key")));
            assertThat(seen).extracting(r -> r.get("path")).containsOnly("/predict", "/predict/batch", "/feedback");
            // The OpenAPI document is public; the actuator and anything else are not there.
            assertThat(get(http, base + "/v3/api-docs").statusCode()).isEqualTo(200);
            for (String path : List.of("/actuator", "/actuator/health", "/actuator/prometheus", "/swagger-ui/index.html", "/")) {
                var r = get(http, base + path);
                assertThat(r.statusCode()).as(path).isEqualTo(404);
            }
            assertThat(seen).extracting(r -> r.get("path")).noneMatch(p -> p.startsWith("/actuator"));

            // One key over its budget (rate 10/s, burst 50 per replica) gets 429 with Retry-After; another key,
            // from the same address, still gets through: the budget is the key's, not the IP's.
            // All at once, so that the refill (rate/s) cannot keep up whatever the machine's speed.
            int rate = ApiGateway.perKeyRate(objects);
            var burst = new ArrayList<java.util.concurrent.CompletableFuture<HttpResponse<String>>>();
            for (int i = 0; i < 10 * rate + 50; i++) {
                burst.add(http.sendAsync(request(base + "/predict", "key-of-crm-a"), HttpResponse.BodyHandlers.ofString()));
            }
            HttpResponse<String> limited = null;
            for (var f : burst) {
                var r = f.get(30, TimeUnit.SECONDS);
                assertThat(r.statusCode()).isIn(200, 429);
                if (r.statusCode() == 429 && limited == null) {
                    limited = r;
                }
            }
            assertThat(limited).as("a 429 once crm-a's burst is spent").isNotNull();
            assertThat(limited.headers().firstValue("Retry-After")).hasValue("1");
            assertThat(limited.body()).contains("\"status\":429");
            assertThat(post(http, base + "/predict", "key-of-crm-b").statusCode()).as("crm-b from the same address").isEqualTo(200);
        } finally {
            process.destroy();
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
            agent.stop(0);
        }
    }

    // --- The checks must fail on broken input: each is exercised against a mutated copy. ---

    @Test
    void theChecksCatchAnOpenOrIpLimitedApi() {
        var objects = Renders.copyAll(Renders.get("overlay/staging"));
        var cm = objects.stream().filter(o -> "ConfigMap".equals(K8s.kind(o))
                && ApiGateway.CONFIG_MAP.equals(HelmChartTest.stripHash(K8s.name(o)))).findFirst().orElseThrow();
        var data = map(cm, "data");
        String conf = String.valueOf(data.get("nginx.conf"));
        String broken = conf
                // /feedback without the key check
                .replaceFirst("(location = /feedback \\{\\s*)if \\(\\$api_client = \"\"\\) \\{ return 401; \\}", "$1")
                // the budget per IP, as the old Ingress had it
                .replace("limit_req_zone $api_client", "limit_req_zone $binary_remote_addr")
                // a 429 without Retry-After
                .replace("add_header Retry-After 1 always;", "")
                // the actuator forwarded
                .replace("location / {\n            return 404;", "location /actuator {\n            proxy_pass http://agent;\n        }\n        location / {\n            return 404;");
        assertThat(broken).isNotEqualTo(conf);
        data.put("nginx.conf", broken);
        assertThat(ApiGateway.check(objects))
                .anyMatch(v -> v.startsWith("location = /feedback") && v.contains("expected key+limit"))
                .anyMatch(v -> v.contains("keyed on $binary_remote_addr"))
                .anyMatch(v -> v.contains("Retry-After"))
                .anyMatch(v -> v.contains("location /actuator"))
                .anyMatch(v -> v.contains("the gateway answers /actuator/health with proxy"));

        var api = find(objects, "Ingress", "api");
        map(api, "metadata", "annotations").put("nginx.ingress.kubernetes.io/configuration-snippet", "limit_req zone=x;");
        map(api, "metadata", "annotations").put("nginx.ingress.kubernetes.io/limit-rps", "20");
        var admin = find(objects, "Ingress", "admin");
        map(admin, "metadata", "annotations").remove("nginx.ingress.kubernetes.io/auth-type");
        assertThat(ApiGateway.ingresses(objects)).anyMatch(v -> v.contains("configuration-snippet"))
                .anyMatch(v -> v.contains("per-IP limit-rps 20")).anyMatch(v -> v.contains("not behind basic auth"));

        // The API host straight to the agent, around the gateway.
        var objects2 = Renders.copyAll(Renders.get("helm/dev"));
        var api2 = find(objects2, "Ingress", "api");
        K8s.maps(K8s.maps(map(api2, "spec"), "rules").get(0), "http", "paths")
                .forEach(p -> map(p, "backend", "service").put("name", "agent"));
        assertThat(Exposure.publicHost(objects2, Exposure.publicApiPaths())).anyMatch(v -> v.contains("must go to the API gateway"));
    }

    // --- helpers ---

    static HttpRequest request(String url, String key) {
        var b = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(10)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"text\":\"my card was charged twice\"}"));
        if (key != null) {
            b.header("X-API-Key", key);
        }
        return b.build();
    }

    static HttpResponse<String> post(HttpClient http, String url, String key) throws IOException, InterruptedException {
        return http.send(request(url, key), HttpResponse.BodyHandlers.ofString());
    }

    static HttpResponse<String> get(HttpClient http, String url) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(5)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
    }

    static void waitFor(HttpClient http, String url, Process process, Path dir) throws Exception {
        for (int i = 0; i < 100; i++) {
            if (!process.isAlive()) {
                throw new AssertionError("nginx exited: " + Files.readString(dir.resolve("nginx.out")));
            }
            try {
                if (get(http, url).statusCode() == 200) {
                    return;
                }
            } catch (IOException e) {
                // not listening yet
            }
            Thread.sleep(100);
        }
        throw new AssertionError("nginx did not answer " + url + ": " + Files.readString(dir.resolve("nginx.out")));
    }

    static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    static String sha256(String s) throws NoSuchAlgorithmException {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8)));
    }

    static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (var paths = Files.walk(dir)) {
            for (Path p : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }
}
