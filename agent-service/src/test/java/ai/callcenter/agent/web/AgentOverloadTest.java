package ai.callcenter.agent.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.when;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import ai.callcenter.agent.feedback.FeedbackService;
import ai.callcenter.agent.routing.TriageService;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.web.servlet.WebMvcTest;
import org.springframework.context.annotation.Import;
import org.springframework.http.MediaType;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;

/** The agent sheds load above its concurrency limit (on by default in application.yaml; the limit lowered to one). */
@WebMvcTest(controllers = AgentController.class,
        properties = {"callcenter.web.overload.max-concurrent-requests=1", "callcenter.web.overload.max-wait=0ms"})
@Import(WebConfiguration.class)
class AgentOverloadTest {

    private static final String TICKET = "{\"text\":\"where is my card\",\"ticket_id\":\"T-1\"}";

    @Autowired
    MockMvc mvc;
    @MockitoBean
    TriageService triage;
    @MockitoBean
    FeedbackService feedback;

    @Test
    void aTicketAboveTheLimitGetsA503ProblemWithRetryAfterWhileTheFirstIsAnswered() throws Exception {
        CountDownLatch working = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        when(triage.predict(any())).thenAnswer(invocation -> {
            working.countDown();
            release.await(10, TimeUnit.SECONDS);
            return AgentControllerTest.answer("T-1");
        });
        CompletableFuture<MvcResult> first = CompletableFuture.supplyAsync(() -> perform(TICKET));
        try {
            assertThat(working.await(5, TimeUnit.SECONDS)).isTrue();

            mvc.perform(post("/predict").contentType(MediaType.APPLICATION_JSON).content(TICKET))
                    .andExpect(status().isServiceUnavailable())
                    .andExpect(header().string("Retry-After", "1"))
                    .andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON))
                    .andExpect(jsonPath("$.status").value(503))
                    .andExpect(jsonPath("$.instance").value("/predict"));
            // read-only requests are not counted
            mvc.perform(get("/v3/api-docs")).andExpect(result -> assertThat(result.getResponse().getStatus()).isNotEqualTo(503));
        } finally {
            release.countDown();
        }
        assertThat(first.get(5, TimeUnit.SECONDS).getResponse().getStatus()).isEqualTo(200);
        mvc.perform(post("/predict").contentType(MediaType.APPLICATION_JSON).content(TICKET)).andExpect(status().isOk());
    }

    private MvcResult perform(String body) {
        try {
            return mvc.perform(post("/predict").contentType(MediaType.APPLICATION_JSON).content(body)).andReturn();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
