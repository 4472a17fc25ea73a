package io.palisade.m365.catchup;

import java.sql.Array;
import java.sql.PreparedStatement;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/**
 * Which listed messages a mailbox already holds as mail items, by Graph id or by internet message id (a copy that a
 * move or a re-created banner gave a new id), so a catch-up fetches only what is new.
 */
@Repository
class KnownMessages {

    private final JdbcTemplate jdbc;

    KnownMessages(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** The listed messages not yet held in the mailbox, in their order. */
    List<CatchUpFetch.Listed> unknown(UUID tenantId, UUID mailboxId, List<CatchUpFetch.Listed> listed) {
        if (listed.isEmpty()) {
            return listed;
        }
        String[] ids = listed.stream().map(CatchUpFetch.Listed::id).toArray(String[]::new);
        String[] internetIds = listed.stream()
                .map(CatchUpFetch.Listed::internetMessageId)
                .filter(Objects::nonNull)
                .toArray(String[]::new);
        Set<String> known = new HashSet<>();
        jdbc.query(
                connection -> {
                    PreparedStatement ps = connection.prepareStatement(
                            "SELECT provider_message_id, internet_message_id FROM mail_items"
                                    + " WHERE tenant_id = ? AND mailbox_id = ?"
                                    + " AND (provider_message_id = ANY (?) OR internet_message_id = ANY (?))");
                    Array idArray = connection.createArrayOf("text", ids);
                    Array internetArray = connection.createArrayOf("text", internetIds);
                    ps.setObject(1, tenantId);
                    ps.setObject(2, mailboxId);
                    ps.setArray(3, idArray);
                    ps.setArray(4, internetArray);
                    return ps;
                },
                rs -> {
                    known.add(rs.getString(1));
                    if (rs.getString(2) != null) {
                        known.add(rs.getString(2));
                    }
                });
        return listed.stream()
                .filter(m -> !known.contains(m.id())
                        && (m.internetMessageId() == null || !known.contains(m.internetMessageId())))
                .toList();
    }
}
