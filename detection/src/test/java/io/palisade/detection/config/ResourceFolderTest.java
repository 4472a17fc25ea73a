package io.palisade.detection.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.OutputStream;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ResourceFolderTest {

    @TempDir
    Path temp;

    @Test
    void listsTheFilesOfAFolderInsideAJarSortedByPath() throws IOException {
        Path jar = temp.resolve("rules.jar");
        try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar))) {
            // Maven's jar plugin writes directory entries; class loaders find folders in a jar through them.
            entry(out, "rules/", "");
            entry(out, "rules/b/two.yaml", "two");
            entry(out, "rules/a/one.yaml", "one");
            entry(out, "rules/a/notes.txt", "not yaml");
            entry(out, "other/three.yaml", "elsewhere");
        }

        try (URLClassLoader loader = new URLClassLoader(new URL[] {jar.toUri().toURL()}, null)) {
            List<ResourceFile> files = ResourceFolder.fromClasspath(loader, "rules", ".yaml");

            assertThat(files)
                    .containsExactly(
                            new ResourceFile("rules/a/one.yaml", "one"), new ResourceFile("rules/b/two.yaml", "two"));
        }
    }

    @Test
    void listsTheFilesOfAFolderOnDiskWithPathsRelativeToIt() throws IOException {
        Files.createDirectories(temp.resolve("rules/x"));
        Files.writeString(temp.resolve("rules/x/r.yaml"), "r");

        assertThat(ResourceFolder.fromDirectory(temp.resolve("rules"), ".yaml"))
                .containsExactly(new ResourceFile("x/r.yaml", "r"));
    }

    @Test
    void findsNothingWhereTheFolderIsMissing() throws IOException {
        try (URLClassLoader loader = new URLClassLoader(new URL[0], null)) {
            assertThat(ResourceFolder.fromClasspath(loader, "rules", ".yaml")).isEmpty();
        }
    }

    private static void entry(JarOutputStream out, String name, String text) throws IOException {
        out.putNextEntry(new JarEntry(name));
        OutputStream stream = out;
        stream.write(text.getBytes(StandardCharsets.UTF_8));
        out.closeEntry();
    }
}
