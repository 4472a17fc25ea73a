package io.palisade.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import org.junit.jupiter.api.Test;

class PalisadeTestDatabaseTest {

    @Test
    void resolvesOneWritableDatabasePerJvm() throws SQLException {
        TestDatabase first = PalisadeTestDatabase.get();

        assertThat(PalisadeTestDatabase.get()).isSameAs(first);
        try (Connection connection = DriverManager.getConnection(first.url(), first.user(), first.password())) {
            connection.createStatement().execute("CREATE TABLE resolution_probe (id int)");
            connection.createStatement().execute("INSERT INTO resolution_probe VALUES (42)");
            ResultSet rows = connection.createStatement().executeQuery("SELECT id FROM resolution_probe");
            rows.next();
            assertThat(rows.getInt(1)).isEqualTo(42);
            connection.createStatement().execute("DROP TABLE resolution_probe");
        }
    }
}
