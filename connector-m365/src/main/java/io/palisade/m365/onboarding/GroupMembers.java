package io.palisade.m365.onboarding;

import com.microsoft.graph.models.DirectoryObject;
import com.microsoft.graph.models.DirectoryObjectCollectionResponse;
import com.microsoft.graph.models.User;
import com.microsoft.graph.serviceclient.GraphServiceClient;
import com.microsoft.kiota.ApiException;
import io.palisade.core.connector.ConnectorException;
import io.palisade.m365.graph.GraphErrors;
import java.util.HashSet;
import java.util.Set;
import org.springframework.stereotype.Component;

/**
 * Reads the users of Entra groups through {@code /groups/{id}/transitiveMembers} (GroupMember.Read.All), every page,
 * so members of nested groups count. A group that cannot be read fails the whole call: applying a selection without
 * one of its groups could unwatch (or watch) a whole department by mistake.
 */
@Component
public class GroupMembers {

    private static final int PAGE = 999;

    /** The user ids that are members, directly or through nested groups, of any of the groups. */
    public Set<String> users(GraphServiceClient graph, Iterable<String> groupIds) throws ConnectorException {
        Set<String> users = new HashSet<>();
        for (String groupId : groupIds) {
            users.addAll(users(graph, groupId));
        }
        return users;
    }

    /** Whether the tenant has this group; other failures are thrown. */
    public boolean exists(GraphServiceClient graph, String groupId) throws ConnectorException {
        try {
            graph.groups().byGroupId(groupId).get(request -> request.queryParameters.select = new String[] {"id"});
            return true;
        } catch (ApiException e) {
            if (e.getResponseStatusCode() == 404) {
                return false;
            }
            throw failure("read group " + groupId, e);
        } catch (RuntimeException e) {
            throw GraphErrors.map("read group " + groupId, e);
        }
    }

    private static Set<String> users(GraphServiceClient graph, String groupId) throws ConnectorException {
        Set<String> users = new HashSet<>();
        try {
            DirectoryObjectCollectionResponse page = graph.groups()
                    .byGroupId(groupId)
                    .transitiveMembers()
                    .get(request -> {
                        request.queryParameters.select = new String[] {"id"};
                        request.queryParameters.top = PAGE;
                    });
            while (page != null) {
                if (page.getValue() != null) {
                    for (DirectoryObject member : page.getValue()) {
                        if (member instanceof User && member.getId() != null) {
                            users.add(member.getId());
                        }
                    }
                }
                String next = page.getOdataNextLink();
                page = next == null
                        ? null
                        : graph.groups()
                                .byGroupId(groupId)
                                .transitiveMembers()
                                .withUrl(next)
                                .get();
            }
        } catch (ApiException e) {
            throw failure("list members of group " + groupId, e);
        } catch (RuntimeException e) {
            throw GraphErrors.map("list members of group " + groupId, e);
        }
        return users;
    }

    private static ConnectorException failure(String operation, ApiException e) {
        return switch (e.getResponseStatusCode()) {
            case 404 -> ConnectorException.permanent(operation + ": the group does not exist in the tenant", e);
            case 403 -> ConnectorException.permanent(operation + ": the app lacks GroupMember.Read.All", e);
            default -> GraphErrors.map(operation, e);
        };
    }
}
