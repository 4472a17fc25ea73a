package io.palisade.detection.rules;

import io.palisade.detection.analysis.Analyzers;
import io.palisade.detection.analysis.Findings;
import io.palisade.detection.analysis.banner.BannerMarkerVerifier;
import io.palisade.detection.api.ScanInput;
import io.palisade.detection.engine.DefaultScanner;
import io.palisade.detection.engine.ScanReport;
import io.palisade.detection.testing.TestContext;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * For rule authors: prints every finding (analyzer signals and rule hits) of each given {@code .eml} file, scanned
 * as the rule harness does (tenant contoso.com). Usage: {@code RuleProbe file.eml...}.
 */
public final class RuleProbe {

    private RuleProbe() {}

    public static void main(String[] args) throws IOException {
        DefaultScanner scanner = DefaultScanner.builder()
                .analyzers(Analyzers.defaults(BannerMarkerVerifier.rejectingAll()))
                .build();
        PrintStream out = new PrintStream(new FileOutputStream(FileDescriptor.out), true, StandardCharsets.UTF_8);
        for (String file : args) {
            ScanReport report = scanner.scanWithReport(
                    new ScanInput.Mail(Files.readAllBytes(Path.of(file))), TestContext.contoso());
            out.println(file + " score=" + report.verdict().score() + " level="
                    + report.verdict().level());
            for (Findings.Finding finding : report.findings()) {
                out.println("  " + finding.signal() + " : " + finding.detail());
            }
        }
    }
}
