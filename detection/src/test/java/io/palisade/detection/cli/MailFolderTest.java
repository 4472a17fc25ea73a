package io.palisade.detection.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MailFolderTest {

    @Test
    void namesTheSourceByTheFileNameWithoutItsNumberAndHash() {
        assertThat(MailFolder.source(Path.of("phish/nazario-20051114-0001.eml")))
                .isEqualTo("nazario-20051114");
        assertThat(MailFolder.source(Path.of("ham/sa-easy-ham-1-00003.860e3c3cee1b42ead714c5c874fe25f7.eml")))
                .isEqualTo("sa-easy-ham-1");
        assertThat(MailFolder.source(Path.of("inbox/hello.eml"))).isEqualTo("inbox");
    }

    @Test
    void listsOnlyEmlFilesAtAnyDepthInPathOrder(@TempDir Path dir) throws IOException {
        Files.createDirectories(dir.resolve("b"));
        Files.writeString(dir.resolve("b/two.eml"), "x");
        Files.writeString(dir.resolve("a-1.eml"), "x");
        Files.writeString(dir.resolve("notes.txt"), "x");

        assertThat(MailFolder.list(dir)).containsExactly(dir.resolve("a-1.eml"), dir.resolve("b/two.eml"));
    }

    @Test
    void refusesAPathThatIsNotAFolder(@TempDir Path dir) {
        assertThatThrownBy(() -> MailFolder.list(dir.resolve("missing")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("not a folder");
    }
}
