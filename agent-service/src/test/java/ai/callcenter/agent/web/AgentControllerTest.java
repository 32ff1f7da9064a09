package ai.callcenter.agent.web;

import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyList;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import ai.callcenter.agent.feedback.FeedbackService;
import ai.callcenter.agent.routing.ClassifiersUnavailableException;
import ai.callcenter.agent.routing.TriageService;
import ai.callcenter.api.AgentResponse;
import ai.callcenter.api.ScoredCategory;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.web.servlet.WebMvcTest;
import org.springframework.context.annotation.Import;
import org.springframework.http.MediaType;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.MockMvc;

@WebMvcTest(controllers = AgentController.class,
        properties = {"callcenter.requests.max-text-length=50", "callcenter.requests.max-batch-size=3"})
@Import(WebConfiguration.class)
class AgentControllerTest {

    @Autowired
    MockMvc mvc;
    @MockitoBean
    TriageService triage;
    @MockitoBean
    FeedbackService feedback;

    static AgentResponse answer(String id) {
        return new AgentResponse(id, "card_arrival", 0.93, "tfidf", 0.004, "en", List.of("EMAIL"), "first model confident",
                false, false, -0.4, false, false, List.of(new ScoredCategory("card_arrival", 0.93)));
    }

    @Test
    void predictAnswersTheContractFields() throws Exception {
        when(triage.predict(any())).thenReturn(answer("T-1"));
        mvc.perform(post("/predict").contentType(MediaType.APPLICATION_JSON)
                        .content("{\"text\":\"where is my card\",\"ticket_id\":\"T-1\"}"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.ticket_id").value("T-1"))
                .andExpect(jsonPath("$.category").value("card_arrival"))
                .andExpect(jsonPath("$.confidence").value(0.93))
                .andExpect(jsonPath("$.model_used").value("tfidf"))
                .andExpect(jsonPath("$.processing_time").value(0.004))
                .andExpect(jsonPath("$.language").value("en"))
                .andExpect(jsonPath("$.pii_types[0]").value("EMAIL"))
                .andExpect(jsonPath("$.route_reason").exists())
                .andExpect(jsonPath("$.needs_review").value(false))
                .andExpect(jsonPath("$.out_of_scope").value(false))
                .andExpect(jsonPath("$.oos_score").value(-0.4))
                .andExpect(jsonPath("$.degraded").value(false))
                .andExpect(jsonPath("$.top_k[0].category").value("card_arrival"));
    }

    @Test
    void blankTextIs400ProblemJson() throws Exception {
        mvc.perform(post("/predict").contentType(MediaType.APPLICATION_JSON).content("{\"text\":\"   \"}"))
                .andExpect(status().isBadRequest())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.detail").value("text: text must not be blank"));
        verify(triage, never()).predict(any());
    }

    @Test
    void wrongTypesNullItemsAndMultipartAre4xxNot5xx() throws Exception {
        // a boolean where a string is declared is not turned into "false"
        mvc.perform(post("/predict").contentType(MediaType.APPLICATION_JSON).content("{\"text\":\"card\",\"ticket_id\":false}"))
                .andExpect(status().isBadRequest())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON));
        mvc.perform(post("/predict/batch").contentType(MediaType.APPLICATION_JSON).content("{\"items\":[null]}"))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.detail").value("items[0]: items must not contain null"));
        // only characters up to U+0020: blank, as @NotBlank and the OpenAPI pattern have it
        mvc.perform(post("/predict").contentType(MediaType.APPLICATION_JSON).content("{\"text\":\"\\u0001\\u001f \"}"))
                .andExpect(status().isBadRequest());
        mvc.perform(post("/predict").contentType("multipart/form-data").content("{\"text\":\"0\"}"))
                .andExpect(status().isUnsupportedMediaType())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON));
        verify(triage, never()).predict(any());
        verify(triage, never()).predictAll(anyList());
    }

    @Test
    void aLanguageThatIsNotAnIsoCodeIs400ProblemJson() throws Exception {
        mvc.perform(post("/predict").contentType(MediaType.APPLICATION_JSON)
                        .content("{\"text\":\"mi tarjeta fue bloqueada\",\"language\":\"Spanish\"}"))
                .andExpect(status().isBadRequest())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.detail").value("language: language must be an ISO 639-1 code such as en or es"));
        verify(triage, never()).predict(any());
    }

    @Test
    void tooLongTextIs413WithoutQuotingIt() throws Exception {
        String secret = "alice@example.com ".repeat(5);
        mvc.perform(post("/predict").contentType(MediaType.APPLICATION_JSON).content("{\"text\":\"" + secret + "\"}"))
                .andExpect(status().isPayloadTooLarge())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(content().string(org.hamcrest.Matchers.not(org.hamcrest.Matchers.containsString("alice"))));
    }

    @Test
    void invalidJsonIs400ProblemJson() throws Exception {
        mvc.perform(post("/predict").contentType(MediaType.APPLICATION_JSON).content("{\"text\": \"bob@x.org"))
                .andExpect(status().isBadRequest())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(content().string(org.hamcrest.Matchers.not(org.hamcrest.Matchers.containsString("bob@"))));
    }

    @Test
    void wrongContentTypeIs415ProblemJson() throws Exception {
        mvc.perform(post("/predict").contentType(MediaType.TEXT_PLAIN).content("where is my card"))
                .andExpect(status().isUnsupportedMediaType())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON));
    }

    @Test
    void oversizedOrEmptyBatchIs4xx() throws Exception {
        String four = "{\"items\":[{\"text\":\"a\"},{\"text\":\"b\"},{\"text\":\"c\"},{\"text\":\"d\"}]}";
        mvc.perform(post("/predict/batch").contentType(MediaType.APPLICATION_JSON).content(four))
                .andExpect(status().isPayloadTooLarge())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON));
        mvc.perform(post("/predict/batch").contentType(MediaType.APPLICATION_JSON).content("{\"items\":[]}"))
                .andExpect(status().isBadRequest())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON));
        mvc.perform(post("/predict/batch").contentType(MediaType.APPLICATION_JSON)
                        .content("{\"items\":[{\"text\":\"ok\"},{\"text\":\"\"}]}"))
                .andExpect(status().isBadRequest());
        verify(triage, never()).predictAll(anyList());
    }

    @Test
    void batchAnswersInOrder() throws Exception {
        when(triage.predictAll(anyList())).thenReturn(List.of(answer("a"), answer("b")));
        mvc.perform(post("/predict/batch").contentType(MediaType.APPLICATION_JSON)
                        .content("{\"items\":[{\"text\":\"x\",\"ticket_id\":\"a\"},{\"text\":\"y\",\"ticket_id\":\"b\"}]}"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.items[1].ticket_id").value("b"))
                .andExpect(jsonPath("$.processing_time").isNumber());
    }

    @Test
    void allClassifiersDownIs503ProblemJson() throws Exception {
        when(triage.predict(any())).thenThrow(new ClassifiersUnavailableException("neither tfidf nor transformer could classify"));
        mvc.perform(post("/predict").contentType(MediaType.APPLICATION_JSON).content("{\"text\":\"where is my card\"}"))
                .andExpect(status().isServiceUnavailable())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.title").value("Classifiers unavailable"));
    }

    @Test
    void feedbackNeedsTicketAndCategory() throws Exception {
        mvc.perform(post("/feedback").contentType(MediaType.APPLICATION_JSON).content("{\"ticket_id\":\"T-1\"}"))
                .andExpect(status().isBadRequest())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.detail").value("category: category must not be blank"));
    }
}
