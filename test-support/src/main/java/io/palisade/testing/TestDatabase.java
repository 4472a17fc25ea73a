package io.palisade.testing;

import java.util.Objects;

/**
 * Where the tests of this JVM find their PostgreSQL database.
 *
 * @param url a JDBC URL, never null
 * @param user the user name, never null
 * @param password the password, never null (empty when the server trusts the user)
 * @param source which step of the resolution order found it, never null
 */
public record TestDatabase(String url, String user, String password, Source source) {

    /** The step of the resolution order that provided the database. */
    public enum Source {
        /** {@code PALISADE_TEST_DATABASE_URL} was set. */
        ENVIRONMENT,
        /** The PostgreSQL on 127.0.0.1:5432 answered; a fresh database was created for this JVM. */
        LOCAL_POSTGRES,
        /** A Docker engine answered; a Testcontainers PostgreSQL was started for this JVM. */
        TESTCONTAINERS
    }

    public TestDatabase {
        Objects.requireNonNull(url, "url");
        Objects.requireNonNull(user, "user");
        Objects.requireNonNull(password, "password");
        Objects.requireNonNull(source, "source");
    }

    @Override
    public String toString() {
        // The password stays out of test reports and logs.
        return "TestDatabase[url=" + url + ", user=" + user + ", source=" + source + "]";
    }
}
