package io.palisade.m365.mail;

import com.microsoft.graph.models.MailFolder;
import com.microsoft.graph.models.MailFolderCollectionResponse;
import com.microsoft.graph.serviceclient.GraphServiceClient;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.stereotype.Component;

/**
 * Palisade's quarantine folder in each mailbox: a hidden child of the mailbox's root, created on first use and
 * found again by name after a restart.
 */
@Component
class QuarantineFolders {

    static final String NAME = "Palisade Quarantine";

    private final Map<String, String> folderIds = new ConcurrentHashMap<>();

    /** The id of the mailbox's quarantine folder, creating it when missing. */
    String ensure(GraphServiceClient graph, String userId) {
        return folderIds.computeIfAbsent(userId, id -> find(graph, id).orElseGet(() -> create(graph, id)));
    }

    private static java.util.Optional<String> find(GraphServiceClient graph, String userId) {
        MailFolderCollectionResponse children = graph.users()
                .byUserId(userId)
                .mailFolders()
                .byMailFolderId("msgfolderroot")
                .childFolders()
                .get(request -> request.queryParameters.includeHiddenFolders = "true");
        return children == null || children.getValue() == null
                ? java.util.Optional.empty()
                : children.getValue().stream()
                        .filter(folder -> NAME.equals(folder.getDisplayName()))
                        .map(MailFolder::getId)
                        .findFirst();
    }

    private static String create(GraphServiceClient graph, String userId) {
        MailFolder folder = new MailFolder();
        folder.setDisplayName(NAME);
        folder.setIsHidden(true);
        return graph.users()
                .byUserId(userId)
                .mailFolders()
                .byMailFolderId("msgfolderroot")
                .childFolders()
                .post(folder)
                .getId();
    }
}
