package io.palisade.detection.config;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.JarURLConnection;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.Enumeration;
import java.util.List;
import java.util.TreeMap;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.stream.Stream;

/**
 * Lists and reads the files under a folder, from the classpath (exploded or in jars) or from the file system,
 * so that each engineer's rule or signal file is found without an index that everybody edits. Results are sorted
 * by path, which keeps loading and content hashes deterministic.
 */
public final class ResourceFolder {

    private ResourceFolder() {}

    /**
     * Every file under {@code folder} (recursively) on the class loader's classpath whose name ends with
     * {@code suffix}. A path found in several classpath roots is read from the first.
     */
    public static List<ResourceFile> fromClasspath(ClassLoader loader, String folder, String suffix) {
        TreeMap<String, ResourceFile> files = new TreeMap<>();
        try {
            Enumeration<URL> roots = loader.getResources(folder);
            for (URL root : Collections.list(roots)) {
                for (ResourceFile file : listRoot(root, folder, suffix)) {
                    files.putIfAbsent(file.path(), file);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list classpath folder " + folder, e);
        }
        return List.copyOf(files.values());
    }

    /** Every file under a directory (recursively) whose name ends with {@code suffix}; paths relative to it. */
    public static List<ResourceFile> fromDirectory(Path directory, String suffix) {
        try (Stream<Path> walk = Files.walk(directory)) {
            List<ResourceFile> files = new ArrayList<>();
            for (Path path : walk.filter(Files::isRegularFile).sorted().toList()) {
                if (path.getFileName().toString().endsWith(suffix)) {
                    String relative = directory.relativize(path).toString().replace('\\', '/');
                    files.add(new ResourceFile(relative, Files.readString(path, StandardCharsets.UTF_8)));
                }
            }
            files.sort(Comparator.comparing(ResourceFile::path));
            return List.copyOf(files);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read folder " + directory, e);
        }
    }

    private static List<ResourceFile> listRoot(URL root, String folder, String suffix) throws IOException {
        return switch (root.getProtocol()) {
            case "file" -> prefixed(fromDirectory(toPath(root), suffix), folder);
            case "jar" -> fromJar((JarURLConnection) root.openConnection(), folder, suffix);
            default -> throw new IOException("unsupported classpath location " + root);
        };
    }

    private static List<ResourceFile> fromJar(JarURLConnection connection, String folder, String suffix)
            throws IOException {
        connection.setUseCaches(false);
        List<ResourceFile> files = new ArrayList<>();
        String prefix = folder.endsWith("/") ? folder : folder + "/";
        try (JarFile jar = connection.getJarFile()) {
            for (JarEntry entry : Collections.list(jar.entries())) {
                if (!entry.isDirectory()
                        && entry.getName().startsWith(prefix)
                        && entry.getName().endsWith(suffix)) {
                    try (InputStream in = jar.getInputStream(entry)) {
                        files.add(new ResourceFile(
                                entry.getName(), new String(in.readAllBytes(), StandardCharsets.UTF_8)));
                    }
                }
            }
        }
        return files;
    }

    private static List<ResourceFile> prefixed(List<ResourceFile> files, String folder) {
        String prefix = folder.endsWith("/") ? folder : folder + "/";
        return files.stream()
                .map(f -> new ResourceFile(prefix + f.path(), f.text()))
                .toList();
    }

    private static Path toPath(URL url) throws IOException {
        try {
            return Path.of(url.toURI());
        } catch (URISyntaxException e) {
            throw new IOException("bad classpath location " + url, e);
        }
    }
}
