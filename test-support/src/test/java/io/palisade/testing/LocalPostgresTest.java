package io.palisade.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class LocalPostgresTest {

    @Test
    void createsAFreshDatabaseAndDropsItEvenWhileAConnectionIsOpen() throws SQLException {
        Optional<TestDatabase> created = LocalPostgres.createDatabase();
        assumeTrue(created.isPresent(), "no PostgreSQL on 127.0.0.1:5432");
        TestDatabase database = created.get();
        String name = database.url().substring(database.url().lastIndexOf('/') + 1);

        try (Connection open = DriverManager.getConnection(database.url(), database.user(), database.password())) {
            ResultSet current = open.createStatement().executeQuery("SELECT current_database()");
            current.next();
            assertThat(current.getString(1)).isEqualTo(name).startsWith("palisade_test_");
            assertThat(database.source()).isEqualTo(TestDatabase.Source.LOCAL_POSTGRES);

            LocalPostgres.drop(name);

            assertThat(LocalPostgres.exists(name)).isFalse();
        }
    }

    @Test
    void refusesToDropADatabaseThatIsNotATestDatabase() {
        assertThatThrownBy(() -> LocalPostgres.drop("palisade"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("palisade");
    }
}
