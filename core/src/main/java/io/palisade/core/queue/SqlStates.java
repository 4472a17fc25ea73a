package io.palisade.core.queue;

import java.sql.SQLException;

/** Finds the SQLSTATE that PostgreSQL reported under a Spring data-access exception. */
final class SqlStates {

    private SqlStates() {}

    /** The first SQLSTATE in the cause chain, or null when there is none. */
    static String of(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof SQLException sql && sql.getSQLState() != null) {
                return sql.getSQLState();
            }
        }
        return null;
    }
}
