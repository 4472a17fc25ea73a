package io.palisade.detection.analysis;

import static org.assertj.core.api.Assertions.assertThat;

import io.palisade.detection.analysis.auth.AuthenticationAnalyzer;
import io.palisade.detection.analysis.prefilter.PrefilterAnalyzer;
import io.palisade.detection.api.RiskLevel;
import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.yaml.snakeyaml.Yaml;

/** Every signal an analyzer reports has a complete catalogue entry in its layer's file, and nothing more. */
class SignalCatalogueFilesTest {

    static List<Arguments> layers() {
        return List.of(
                Arguments.of("prefilter", PrefilterAnalyzer.class),
                Arguments.of("auth", AuthenticationAnalyzer.class),
                Arguments.of("url", io.palisade.detection.analysis.url.UrlAnalyzer.class),
                Arguments.of("sender", io.palisade.detection.analysis.sender.SenderAnalyzer.class),
                Arguments.of("attachment", io.palisade.detection.analysis.attachment.AttachmentAnalyzer.class),
                Arguments.of("content", io.palisade.detection.analysis.content.ContentAnalyzer.class),
                Arguments.of("tracker", io.palisade.detection.analysis.tracker.TrackerAnalyzer.class),
                Arguments.of("banner", io.palisade.detection.analysis.banner.BannerImitationAnalyzer.class));
    }

    @ParameterizedTest
    @MethodSource("layers")
    void catalogueFileListsExactlyTheSignalsTheAnalyzerReports(String layer, Class<?> analyzer) throws IOException {
        List<Map<String, Object>> entries = entries(layer);

        Set<String> catalogued =
                entries.stream().map(e -> (String) e.get("name")).collect(Collectors.toSet());
        assertThat(catalogued).hasSize(entries.size()).isEqualTo(signalConstants(analyzer));
    }

    @ParameterizedTest
    @MethodSource("layers")
    void everyEntryIsCompleteAndInItsLayersGroup(String layer, Class<?> analyzer) throws IOException {
        for (Map<String, Object> entry : entries(layer)) {
            assertThat((String) entry.get("name")).matches("[A-Z][A-Z0-9_]*");
            assertThat((String) entry.get("description")).isNotBlank().doesNotContain("\n");
            assertThat((String) entry.get("reason")).isNotBlank().contains("{detail}");
            assertThat((Integer) entry.get("weight")).isBetween(0, 100);
            assertThat(entry.get("group")).isEqualTo(layer);
            if (entry.containsKey("forces")) {
                assertThat(RiskLevel.valueOf((String) entry.get("forces"))).isNotNull();
            }
            assertThat(entry.keySet()).isSubsetOf("name", "description", "reason", "weight", "group", "forces");
        }
    }

    @org.junit.jupiter.api.Test
    void namesAreUniqueAcrossLayers() throws IOException {
        List<String> names = new java.util.ArrayList<>();
        for (Arguments layer : layers()) {
            entries((String) layer.get()[0]).forEach(entry -> names.add((String) entry.get("name")));
        }

        assertThat(names).doesNotHaveDuplicates();
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> entries(String layer) throws IOException {
        try (InputStream in = SignalCatalogueFilesTest.class.getResourceAsStream("/signals/" + layer + ".yaml")) {
            assertThat(in).as("signals/%s.yaml", layer).isNotNull();
            Map<String, Object> document = new Yaml().load(in);
            return (List<Map<String, Object>>) document.get("signals");
        }
    }

    private static Set<String> signalConstants(Class<?> analyzer) {
        return Arrays.stream(analyzer.getFields())
                .filter(f -> Modifier.isStatic(f.getModifiers()) && f.getType() == String.class)
                .filter(f -> f.getName().matches("[A-Z][A-Z0-9_]*"))
                .map(SignalCatalogueFilesTest::value)
                .filter(value -> value.matches("[A-Z][A-Z0-9_]*"))
                .collect(Collectors.toSet());
    }

    private static String value(Field field) {
        try {
            return (String) field.get(null);
        } catch (IllegalAccessException e) {
            throw new IllegalStateException(e);
        }
    }
}
