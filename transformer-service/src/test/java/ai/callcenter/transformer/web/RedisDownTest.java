package ai.callcenter.transformer.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

import ai.callcenter.transformer.TestSupport;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.ServerSocket;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.actuate.health.HealthEndpoint;
import org.springframework.boot.actuate.health.Status;
import org.springframework.boot.test.autoconfigure.web.servlet.AutoConfigureMockMvc;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.http.MediaType;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;

/** The Redis cache is configured but nothing listens: predictions must still be answered. */
@SpringBootTest(properties = {"callcenter.cache.backend=redis", "spring.data.redis.host=127.0.0.1"})
@AutoConfigureMockMvc
class RedisDownTest {

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) throws Exception {
        registry.add("callcenter.transformer.model.dir", () -> TestSupport.tinyModel().toString());
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        int port = closedPort;
        registry.add("spring.data.redis.port", () -> port);
    }

    @Autowired
    MockMvc mvc;

    @Autowired
    ObjectMapper json;

    /** Actuator runs on the management port, which a mock web environment does not start: asked directly. */
    @Autowired
    HealthEndpoint health;

    private Status readiness() {
        return health.healthForPath("readiness").getStatus();
    }

    @BeforeEach
    void awaitReady() throws Exception {
        for (int i = 0; i < 600 && !Status.UP.equals(readiness()); i++) {
            Thread.sleep(100);
        }
    }

    @Test
    void predictionsWorkWithoutTheCache() throws Exception {
        for (int i = 0; i < 3; i++) {
            MvcResult result = mvc.perform(post("/predict").contentType(MediaType.APPLICATION_JSON)
                    .content("{\"text\":\"my card payment was declined\"}")).andReturn();
            assertThat(result.getResponse().getStatus()).isEqualTo(200);
            JsonNode answer = json.readTree(result.getResponse().getContentAsString());
            assertThat(answer.get("cached").asBoolean()).isFalse();
        }
        assertThat(readiness()).isEqualTo(Status.UP);
    }
}
