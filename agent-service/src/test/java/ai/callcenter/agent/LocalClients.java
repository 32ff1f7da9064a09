package ai.callcenter.agent;

import org.springframework.http.HttpStatusCode;
import org.springframework.web.client.RestClient;

/** HTTP clients for the agent a test started: error statuses come back as responses, for the test to assert on. */
public final class LocalClients {

    private LocalClients() {
    }

    /** A client of {@code http://127.0.0.1:port} (the API port or the management port). */
    public static RestClient on(int port) {
        return RestClient.builder().baseUrl("http://127.0.0.1:" + port)
                .defaultStatusHandler(HttpStatusCode::isError, (req, res) -> { })
                .build();
    }
}
