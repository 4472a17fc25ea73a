package io.palisade.simulator.google;

import java.util.Collection;
import java.util.Set;

/** Which OAuth scopes each group of Gmail methods accepts (the Gmail API reference, one list per method). */
enum GmailScope {
    /** messages.get/list, history.list, getProfile, labels.get/list. */
    READ(Scopes.FULL, Scopes.MODIFY, Scopes.READONLY, Scopes.METADATA),
    /** Formats and queries that expose bodies: metadata-only tokens may not use them. */
    READ_CONTENT(Scopes.FULL, Scopes.MODIFY, Scopes.READONLY),
    /** messages.modify/batchModify/trash/untrash, labels create/delete. */
    MODIFY(Scopes.FULL, Scopes.MODIFY),
    /** messages.insert and messages.import. */
    INSERT(Scopes.FULL, Scopes.MODIFY, Scopes.INSERT),
    /** messages.delete and batchDelete: "Immediately and permanently deletes"; only the full scope. */
    DELETE(Scopes.FULL),
    /** users.watch and users.stop. */
    WATCH(Scopes.FULL, Scopes.MODIFY, Scopes.READONLY, Scopes.METADATA);

    private final Set<String> accepted;

    GmailScope(String... accepted) {
        this.accepted = Set.of(accepted);
    }

    boolean grantedBy(Collection<String> scopes) {
        return scopes.stream().anyMatch(accepted::contains);
    }

    /** The Gmail scope strings. */
    static final class Scopes {
        static final String FULL = "https://mail.google.com/";
        static final String MODIFY = "https://www.googleapis.com/auth/gmail.modify";
        static final String READONLY = "https://www.googleapis.com/auth/gmail.readonly";
        static final String METADATA = "https://www.googleapis.com/auth/gmail.metadata";
        static final String INSERT = "https://www.googleapis.com/auth/gmail.insert";

        private Scopes() {}
    }
}
