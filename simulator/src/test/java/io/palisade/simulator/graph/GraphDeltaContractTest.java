package io.palisade.simulator.graph;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.microsoft.graph.models.MailFolder;
import com.microsoft.graph.models.Message;
import com.microsoft.graph.models.odataerrors.ODataError;
import com.microsoft.graph.serviceclient.GraphServiceClient;
import com.microsoft.graph.users.item.mailfolders.item.messages.delta.DeltaGetResponse;
import com.microsoft.graph.users.item.messages.item.move.MovePostRequestBody;
import io.palisade.simulator.Fixtures;
import io.palisade.simulator.control.DeliveredMessage;
import io.palisade.simulator.control.SimMailbox;
import io.palisade.simulator.control.SimTenant;
import io.palisade.simulator.junit.SimulatorExtension;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Delta per folder through the real Graph SDK: rounds, pages, removals, expiry. */
class GraphDeltaContractTest {

    @RegisterExtension
    static SimulatorExtension sim = new SimulatorExtension();

    static SimTenant tenant;
    static GraphServiceClient graph;

    @BeforeAll
    static void tenant() {
        tenant = sim.control().createTenant("delta.onmicrosoft.com");
        graph = sim.graphClient(tenant);
    }

    /** One full round: follows next links to the delta link, returning the items and that link. */
    private record Round(List<Message> items, String deltaLink, int pages) {}

    private static Round round(String mailbox, String link) {
        List<Message> items = new ArrayList<>();
        var delta = graph.users()
                .byUserId(mailbox)
                .mailFolders()
                .byMailFolderId("inbox")
                .messages()
                .delta();
        DeltaGetResponse page = link == null
                ? delta.get(rc -> rc.headers.add("Prefer", "odata.maxpagesize=2"))
                : delta.withUrl(link).get();
        int pages = 1;
        items.addAll(page.getValue());
        while (page.getOdataNextLink() != null) {
            page = delta.withUrl(page.getOdataNextLink()).get();
            items.addAll(page.getValue());
            pages++;
        }
        return new Round(items, page.getOdataDeltaLink(), pages);
    }

    @Test
    void firstRoundListsTheFolderPageByPageAndEndsWithADeltaLink() {
        SimMailbox box = sim.control().createMailbox(tenant.tenantId(), "first", "First Round");
        for (int i = 0; i < 3; i++) {
            sim.control().deliver(tenant.tenantId(), box.id(), Fixtures.message("<d" + i + "@x>", "D" + i));
        }
        sim.control().deliver(tenant.tenantId(), box.id(), "junkemail", Fixtures.message("<junk@x>", "Junk"));

        Round first = round(box.id(), null);
        Round quiet = round(box.id(), first.deltaLink());

        assertThat(first.items())
                .extracting(Message::getInternetMessageId)
                .containsExactlyInAnyOrder("<d0@x>", "<d1@x>", "<d2@x>");
        assertThat(first.pages()).isEqualTo(2);
        assertThat(first.deltaLink()).contains("$deltatoken=");
        assertThat(quiet.items()).isEmpty();
    }

    @Test
    void nextRoundReportsNewChangedAndRemovedMessages() {
        SimMailbox box = sim.control().createMailbox(tenant.tenantId(), "next", "Next Round");
        DeliveredMessage stays = sim.control().deliver(tenant.tenantId(), box.id(), Fixtures.message("<s@x>", "S"));
        DeliveredMessage leaves = sim.control().deliver(tenant.tenantId(), box.id(), Fixtures.message("<l@x>", "L"));
        sim.control().deliver(tenant.tenantId(), box.id(), Fixtures.message("<q@x>", "Quiet"));
        Round first = round(box.id(), null);

        DeliveredMessage arrives = sim.control().deliver(tenant.tenantId(), box.id(), Fixtures.message("<a@x>", "A"));
        Message read = new Message();
        read.setIsRead(true);
        graph.users().byUserId(box.id()).messages().byMessageId(stays.id()).patch(read);
        MovePostRequestBody move = new MovePostRequestBody();
        move.setDestinationId("archive");
        graph.users()
                .byUserId(box.id())
                .messages()
                .byMessageId(leaves.id())
                .move()
                .post(move);
        Round next = round(box.id(), first.deltaLink());

        List<String> changed = next.items().stream()
                .filter(m -> m.getAdditionalData().get("@removed") == null)
                .map(Message::getId)
                .toList();
        List<String> removed = next.items().stream()
                .filter(m -> m.getAdditionalData().get("@removed") != null)
                .map(Message::getId)
                .toList();
        assertThat(changed).containsExactlyInAnyOrder(stays.id(), arrives.id());
        assertThat(removed).containsExactly(leaves.id());
    }

    @Test
    void expiredTokenIsGone() {
        SimMailbox box = sim.control().createMailbox(tenant.tenantId(), "expired", "Expired Token");
        sim.control().deliver(tenant.tenantId(), box.id(), Fixtures.message("<e@x>", "E"));
        Round first = round(box.id(), null);

        sim.control().expireDeltaTokens(tenant.tenantId(), box.id(), "inbox");

        assertThatThrownBy(() -> round(box.id(), first.deltaLink()))
                .isInstanceOfSatisfying(
                        ODataError.class,
                        e -> assertThat(e.getResponseStatusCode()).isEqualTo(410));
        assertThat(round(box.id(), null).items()).hasSize(1);
    }

    @Test
    void refusesAFilterOtherThanReceivedDateTime() {
        SimMailbox box = sim.control().createMailbox(tenant.tenantId(), "filter", "Filter Check");
        MailFolder inbox = graph.users()
                .byUserId(box.id())
                .mailFolders()
                .byMailFolderId("inbox")
                .get();

        assertThatThrownBy(() -> graph.users()
                        .byUserId(box.id())
                        .mailFolders()
                        .byMailFolderId(inbox.getId())
                        .messages()
                        .delta()
                        .get(rc -> rc.queryParameters.filter = "isRead eq false"))
                .isInstanceOfSatisfying(
                        ODataError.class,
                        e -> assertThat(e.getResponseStatusCode()).isEqualTo(400));
    }
}
