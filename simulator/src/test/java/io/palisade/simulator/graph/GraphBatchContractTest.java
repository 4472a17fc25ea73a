package io.palisade.simulator.graph;

import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.graph.core.content.BatchRequestContent;
import com.microsoft.graph.core.content.BatchResponseContent;
import com.microsoft.graph.models.Message;
import com.microsoft.graph.serviceclient.GraphServiceClient;
import io.palisade.simulator.Fixtures;
import io.palisade.simulator.control.DeliveredMessage;
import io.palisade.simulator.control.Fault;
import io.palisade.simulator.control.SimMailbox;
import io.palisade.simulator.control.SimTenant;
import io.palisade.simulator.junit.SimulatorExtension;
import io.palisade.simulator.server.Json;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import tools.jackson.databind.JsonNode;

/** JSON batching through the real Graph SDK's BatchRequestContent. */
class GraphBatchContractTest {

    @RegisterExtension
    static SimulatorExtension sim = new SimulatorExtension();

    static SimTenant tenant;
    static SimMailbox mailbox;
    static GraphServiceClient graph;

    @BeforeAll
    static void tenant() {
        tenant = sim.control().createTenant("batch.onmicrosoft.com");
        mailbox = sim.control().createMailbox(tenant.tenantId(), "bea", "Bea Batch");
        graph = sim.graphClient(tenant);
    }

    @AfterEach
    void clearFaults() {
        sim.control().clearFaults();
    }

    @Test
    void servesEachRequestWithItsOwnStatus() throws Exception {
        DeliveredMessage m = sim.control().deliver(tenant.tenantId(), mailbox.id(), Fixtures.message("<b1@x>", "One"));
        var messages = graph.users().byUserId(mailbox.id()).messages();
        BatchRequestContent batch = new BatchRequestContent(graph);
        String get = batch.addBatchRequestStep(messages.byMessageId(m.id()).toGetRequestInformation());
        String missing = batch.addBatchRequestStep(
                messages.byMessageId("AAMkNoSuchMessage").toGetRequestInformation());
        String list = batch.addBatchRequestStep(messages.toGetRequestInformation());

        BatchResponseContent response = graph.getBatchRequestBuilder().post(batch, null);

        assertThat(response.getResponsesStatusCode())
                .containsEntry(get, 200)
                .containsEntry(missing, 404)
                .containsEntry(list, 200);
        Message read = response.getResponseById(get, Message::createFromDiscriminatorValue);
        assertThat(read.getSubject()).isEqualTo("One");
    }

    @Test
    void dependentsOfAFailedRequestGet424AndOthersRun() throws Exception {
        DeliveredMessage m = sim.control().deliver(tenant.tenantId(), mailbox.id(), Fixtures.message("<b2@x>", "Two"));
        var messages = graph.users().byUserId(mailbox.id()).messages();
        BatchRequestContent batch = new BatchRequestContent(graph);
        String failing =
                batch.addBatchRequestStep(messages.byMessageId("AAMkGone").toGetRequestInformation());
        String dependent =
                batch.addBatchRequestStep(messages.byMessageId(m.id()).toGetRequestInformation());
        String ok = batch.addBatchRequestStep(messages.byMessageId(m.id()).toGetRequestInformation());
        String afterOk = batch.addBatchRequestStep(messages.byMessageId(m.id()).toGetRequestInformation());
        batch.getBatchRequestSteps().get(dependent).setDependsOn(List.of(failing));
        batch.getBatchRequestSteps().get(afterOk).setDependsOn(List.of(ok));

        BatchResponseContent response = graph.getBatchRequestBuilder().post(batch, null);

        assertThat(response.getResponsesStatusCode())
                .containsEntry(failing, 404)
                .containsEntry(dependent, 424)
                .containsEntry(ok, 200)
                .containsEntry(afterOk, 200);
    }

    @Test
    void anItemOverALimitGets429WithRetryAfterInsideA200Batch() throws Exception {
        sim.control().addFault(Fault.throttle(1, 7).onPathsContaining("/mailFolders"));
        var user = graph.users().byUserId(mailbox.id());
        BatchRequestContent batch = new BatchRequestContent(graph);
        String folders = batch.addBatchRequestStep(user.mailFolders().toGetRequestInformation());
        String messages = batch.addBatchRequestStep(user.messages().toGetRequestInformation());

        BatchResponseContent response = graph.getBatchRequestBuilder().post(batch, null);

        assertThat(response.getResponsesStatusCode())
                .containsEntry(folders, 429)
                .containsEntry(messages, 200);
        assertThat(response.getResponseById(folders).header("Retry-After")).isEqualTo("7");
    }

    @Test
    void refusesMoreThanTwentyRequests() throws Exception {
        List<Map<String, Object>> requests = new ArrayList<>();
        for (int i = 1; i <= 21; i++) {
            requests.add(Map.of("id", String.valueOf(i), "method", "GET", "url", "/users/" + mailbox.id()));
        }
        String token = sim.simulator()
                .tokens()
                .issueGraphToken(tenant.tenantId(), tenant.clientId(), "batch", tenant.roles(), false);
        HttpRequest request = HttpRequest.newBuilder(URI.create(sim.httpBaseUrl() + "/v1.0/$batch"))
                .header("Authorization", "Bearer " + token)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(Json.write(Map.of("requests", requests))))
                .build();

        HttpResponse<String> response = HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString());
        JsonNode error = Json.mapper().readTree(response.body());

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(error.at("/error/message").asString()).contains("20");
    }
}
