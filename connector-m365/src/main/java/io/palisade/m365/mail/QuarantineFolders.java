package io.palisade.m365.mail;

import com.microsoft.graph.models.MailFolder;
import com.microsoft.graph.models.MailFolderCollectionResponse;
import com.microsoft.graph.serviceclient.GraphServiceClient;
import com.microsoft.kiota.ApiException;
import java.sql.Timestamp;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Palisade's quarantine folder in each mailbox: a hidden child of the mailbox's root. Made when the mailbox is first
 * watched ({@link QuarantinePreparation}) or on its first quarantine, and its id kept in memory and in the database
 * (table {@code m365_quarantine_folders}), so a quarantine is one move, also after a restart.
 *
 * <p>Making it is a POST first: a mailbox that has one already answers 409 {@code ErrorFolderExists}, and only then
 * are its folders listed to find it. A folder deleted by hand is made again once its move fails
 * ({@link #forget}).
 */
@Component
class QuarantineFolders {

    static final String NAME = "Palisade Quarantine";

    private static final Logger LOG = LoggerFactory.getLogger(QuarantineFolders.class);

    private final JdbcTemplate jdbc;
    private final Clock clock;
    private final Map<String, String> folderIds = new ConcurrentHashMap<>();

    QuarantineFolders(JdbcTemplate jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    /** The id of the mailbox's quarantine folder, making it when missing. */
    String ensure(GraphServiceClient graph, UUID tenantId, String userId) {
        return folderIds.computeIfAbsent(
                key(tenantId, userId),
                key -> stored(tenantId, userId).orElseGet(() -> store(tenantId, userId, createOrFind(graph, userId))));
    }

    /** Forgets the folder (it was deleted in the mailbox): the next {@link #ensure} makes it again. */
    void forget(UUID tenantId, String userId) {
        folderIds.remove(key(tenantId, userId));
        jdbc.update("DELETE FROM m365_quarantine_folders WHERE tenant_id = ? AND user_id = ?", tenantId, userId);
        LOG.warn("event=m365_quarantine_folder_lost tenant={}", tenantId);
    }

    private Optional<String> stored(UUID tenantId, String userId) {
        List<String> found = jdbc.queryForList(
                "SELECT folder_id FROM m365_quarantine_folders WHERE tenant_id = ? AND user_id = ?",
                String.class,
                tenantId,
                userId);
        return found.stream().findFirst();
    }

    private String store(UUID tenantId, String userId, String folderId) {
        jdbc.update(
                "INSERT INTO m365_quarantine_folders (tenant_id, user_id, folder_id, created_at) VALUES (?, ?, ?, ?)"
                        + " ON CONFLICT (tenant_id, user_id) DO UPDATE SET folder_id = excluded.folder_id",
                tenantId,
                userId,
                folderId,
                Timestamp.from(clock.instant()));
        return folderId;
    }

    private static String createOrFind(GraphServiceClient graph, String userId) {
        MailFolder folder = new MailFolder();
        folder.setDisplayName(NAME);
        folder.setIsHidden(true);
        try {
            return graph.users()
                    .byUserId(userId)
                    .mailFolders()
                    .byMailFolderId("msgfolderroot")
                    .childFolders()
                    .post(folder)
                    .getId();
        } catch (ApiException e) {
            if (e.getResponseStatusCode() != 409) {
                throw e;
            }
            return find(graph, userId)
                    .orElseThrow(() ->
                            new IllegalStateException("Graph says the quarantine folder exists but does not list it"));
        }
    }

    private static Optional<String> find(GraphServiceClient graph, String userId) {
        MailFolderCollectionResponse children = graph.users()
                .byUserId(userId)
                .mailFolders()
                .byMailFolderId("msgfolderroot")
                .childFolders()
                .get(request -> request.queryParameters.includeHiddenFolders = "true");
        return children == null || children.getValue() == null
                ? Optional.empty()
                : children.getValue().stream()
                        .filter(folder -> NAME.equals(folder.getDisplayName()))
                        .map(MailFolder::getId)
                        .findFirst();
    }

    private static String key(UUID tenantId, String userId) {
        return tenantId + "/" + userId;
    }
}
