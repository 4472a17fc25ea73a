package io.palisade.simulator.graph;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.microsoft.graph.models.DirectoryObject;
import com.microsoft.graph.models.DirectoryObjectCollectionResponse;
import com.microsoft.graph.models.Group;
import com.microsoft.graph.models.GroupCollectionResponse;
import com.microsoft.graph.models.User;
import com.microsoft.graph.models.odataerrors.ODataError;
import com.microsoft.graph.serviceclient.GraphServiceClient;
import io.palisade.simulator.control.GraphRequestCount;
import io.palisade.simulator.control.SimMailbox;
import io.palisade.simulator.control.SimTenant;
import io.palisade.simulator.junit.SimulatorExtension;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Groups, their transitive members and users' preferred languages through the real Graph SDK, and the count of calls
 * the control API keeps.
 */
class GraphDirectoryContractTest {

    @RegisterExtension
    static SimulatorExtension sim = new SimulatorExtension();

    static SimTenant tenant;
    static GraphServiceClient graph;
    static List<SimMailbox> people;
    static String finance;
    static String allStaff;

    @BeforeAll
    static void tenantWithNestedGroups() {
        tenant = sim.control().createTenant("directory.onmicrosoft.com");
        people = sim.control().createMailboxes(tenant.tenantId(), "person", 5);
        finance = sim.control()
                .createGroup(
                        tenant.tenantId(),
                        "Finance",
                        List.of(people.get(0).id(), people.get(1).id()));
        allStaff = sim.control()
                .createGroup(
                        tenant.tenantId(),
                        "All staff",
                        List.of(
                                people.get(2).userPrincipalName(),
                                finance,
                                people.get(0).id()));
        graph = sim.graphClient(tenant);
    }

    @Test
    void listsGroupsAndGetsOneById() {
        GroupCollectionResponse groups = graph.groups().get();
        Group one = graph.groups().byGroupId(finance).get();

        assertThat(groups.getValue()).extracting(Group::getDisplayName).containsSubsequence("All staff", "Finance");
        assertThat(one.getDisplayName()).isEqualTo("Finance");
        assertThat(one.getSecurityEnabled()).isTrue();
    }

    @Test
    void answers404ForAGroupThatDoesNotExist() {
        assertThatThrownBy(() -> graph.groups()
                        .byGroupId("00000000-0000-0000-0000-000000000000")
                        .get())
                .isInstanceOfSatisfying(ODataError.class, e -> {
                    assertThat(e.getResponseStatusCode()).isEqualTo(404);
                    assertThat(e.getError().getCode()).isEqualTo("Request_ResourceNotFound");
                });
    }

    @Test
    void transitiveMembersFlattenNestedGroupsOncePerMember() {
        List<DirectoryObject> members = new ArrayList<>();
        DirectoryObjectCollectionResponse page =
                graph.groups().byGroupId(allStaff).transitiveMembers().get(rc -> rc.queryParameters.top = 2);
        int pages = 0;
        while (page != null) {
            pages++;
            members.addAll(page.getValue());
            String next = page.getOdataNextLink();
            page = next == null
                    ? null
                    : graph.groups()
                            .byGroupId(allStaff)
                            .transitiveMembers()
                            .withUrl(next)
                            .get();
        }

        assertThat(pages).isEqualTo(2);
        assertThat(members.stream().filter(User.class::isInstance).map(DirectoryObject::getId))
                .containsExactlyInAnyOrder(
                        people.get(0).id(), people.get(1).id(), people.get(2).id());
        assertThat(members.stream().filter(Group.class::isInstance).map(DirectoryObject::getId))
                .containsExactly(finance);
        assertThat(members.stream().filter(User.class::isInstance).map(m -> ((User) m).getMail()))
                .allSatisfy(mail -> assertThat(mail).endsWith("@directory.onmicrosoft.com"));
    }

    @Test
    void aGroupNestedInItselfIsFollowedOnce() {
        String a = sim.control()
                .createGroup(tenant.tenantId(), "Loop A", List.of(people.get(3).id()));
        String b = sim.control()
                .createGroup(
                        tenant.tenantId(), "Loop B", List.of(a, people.get(4).id()));
        sim.control().addGroupMember(tenant.tenantId(), a, b);

        List<DirectoryObject> members =
                graph.groups().byGroupId(a).transitiveMembers().get().getValue();

        assertThat(members)
                .extracting(DirectoryObject::getId)
                .containsExactly(people.get(3).id(), b, people.get(4).id());
    }

    @Test
    void aRemovedMemberIsNoLongerListed() {
        String team = sim.control()
                .createGroup(tenant.tenantId(), "Project", List.of(people.get(3).id()));
        sim.control().removeGroupMember(tenant.tenantId(), team, people.get(3).id());

        assertThat(graph.groups().byGroupId(team).transitiveMembers().get().getValue())
                .isEmpty();
    }

    @Test
    void groupsNeedAGroupMemberRoleAndUserDetailsAUserRole() {
        SimTenant groupsOnly =
                sim.control().createTenant("groups-only.onmicrosoft.com", Set.of("GroupMember.Read.All"));
        SimTenant usersOnly = sim.control().createTenant("users-only.onmicrosoft.com", Set.of("User.Read.All"));
        SimMailbox lee = sim.control().createMailbox(groupsOnly.tenantId(), "lee", "Lee Limited");
        String group = sim.control().createGroup(groupsOnly.tenantId(), "Limited", List.of(lee.id()));

        DirectoryObject member = sim.graphClient(groupsOnly)
                .groups()
                .byGroupId(group)
                .transitiveMembers()
                .get()
                .getValue()
                .getFirst();

        assertThat(member).isInstanceOfSatisfying(User.class, u -> {
            assertThat(u.getId()).isEqualTo(lee.id());
            assertThat(u.getMail()).isNull();
        });
        assertThatThrownBy(() -> sim.graphClient(usersOnly).groups().get())
                .isInstanceOfSatisfying(
                        ODataError.class,
                        e -> assertThat(e.getResponseStatusCode()).isEqualTo(403));
    }

    @Test
    void eachUserHasThePreferredLanguageTheControlApiSet() {
        sim.control().setPreferredLanguage(tenant.tenantId(), people.get(1).id(), "fr-FR");

        User french = graph.users()
                .byUserId(people.get(1).id())
                .get(rc -> rc.queryParameters.select = new String[] {"id", "preferredLanguage"});
        User other = graph.users().byUserId(people.get(2).id()).get();

        assertThat(french.getPreferredLanguage()).isEqualTo("fr-FR");
        assertThat(other.getPreferredLanguage()).isEqualTo("en-US");
    }

    @Test
    void countsCallsByShapeAndTellsBatchItemsApart() throws Exception {
        SimTenant counted = sim.control().createTenant("counted.onmicrosoft.com");
        SimMailbox kim = sim.control().createMailbox(counted.tenantId(), "kim", "Kim Count");
        GraphServiceClient client = sim.graphClient(counted);
        client.users().byUserId(kim.id()).get();
        client.users().byUserId(kim.id()).get();
        var batch = new com.microsoft.graph.core.content.BatchRequestContent(client);
        batch.addBatchRequestStep(client.users().byUserId(kim.id()).toGetRequestInformation());
        client.getBatchRequestBuilder().post(batch, null);

        List<GraphRequestCount> counts = sim.control().graphRequests(counted.tenantId());

        assertThat(counts)
                .contains(
                        new GraphRequestCount("GET", "/v1.0/users/{id}", false, 2),
                        new GraphRequestCount("GET", "/v1.0/users/{id}", true, 1),
                        new GraphRequestCount("POST", "/v1.0/$batch", false, 1));
        sim.control().clearGraphRequests(counted.tenantId());
        assertThat(sim.control().graphRequests(counted.tenantId())).isEmpty();
    }
}
