package io.palisade.simulator.graph;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.microsoft.graph.models.odataerrors.ODataError;
import com.microsoft.graph.serviceclient.GraphServiceClient;
import io.palisade.simulator.control.SimMailbox;
import io.palisade.simulator.control.SimTenant;
import io.palisade.simulator.junit.SimulatorExtension;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Every Graph call checks the bearer token and the app's roles, as Graph does. */
class GraphAuthorizationContractTest {

    @RegisterExtension
    static SimulatorExtension sim = new SimulatorExtension();

    @Test
    void answers401WithoutAToken() throws Exception {
        HttpClient http = HttpClient.newBuilder().sslContext(sim.sslContext()).build();
        HttpRequest request = HttpRequest.newBuilder(URI.create(sim.graphBaseUrl() + "/users"))
                .GET()
                .build();

        HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());

        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(response.body()).contains("InvalidAuthenticationToken").contains("Access token is empty.");
        assertThat(response.headers().firstValue("WWW-Authenticate")).isPresent();
    }

    @Test
    void answers401ForAForgedToken() throws Exception {
        HttpClient http = HttpClient.newBuilder().sslContext(sim.sslContext()).build();
        String forged = "eyJhbGciOiJSUzI1NiIsInR5cCI6IkpXVCJ9.eyJhdWQiOiJodHRwczovL2dyYXBoLm1pY3Jvc29mdC5jb20ifQ.c2ln";
        HttpRequest request = HttpRequest.newBuilder(URI.create(sim.graphBaseUrl() + "/users"))
                .header("Authorization", "Bearer " + forged)
                .GET()
                .build();

        HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());

        assertThat(response.statusCode()).isEqualTo(401);
    }

    @Test
    void answers403WhenTheAppLacksTheMailRole() {
        SimTenant tenant = sim.control().createTenant("limited.onmicrosoft.com", Set.of("User.Read.All"));
        SimMailbox mailbox = sim.control().createMailbox(tenant.tenantId(), "lee", "Lee Limited");
        GraphServiceClient graph = sim.graphClient(tenant);

        assertThat(graph.users().get().getValue()).hasSize(1);
        assertThatThrownBy(() -> graph.users().byUserId(mailbox.id()).messages().get())
                .isInstanceOfSatisfying(ODataError.class, e -> {
                    assertThat(e.getResponseStatusCode()).isEqualTo(403);
                    assertThat(e.getError().getCode()).isEqualTo("ErrorAccessDenied");
                });
    }

    @Test
    void keepsTenantsApart() {
        SimTenant one = sim.control().createTenant("one.onmicrosoft.com");
        SimTenant two = sim.control().createTenant("two.onmicrosoft.com");
        SimMailbox inTwo = sim.control().createMailbox(two.tenantId(), "tess", "Tess Two");

        GraphServiceClient graphOne = sim.graphClient(one);

        assertThatThrownBy(
                        () -> graphOne.users().byUserId(inTwo.id()).messages().get())
                .isInstanceOfSatisfying(
                        ODataError.class,
                        e -> assertThat(e.getResponseStatusCode()).isEqualTo(404));
        assertThat(graphOne.users().get().getValue()).isEmpty();
    }
}
