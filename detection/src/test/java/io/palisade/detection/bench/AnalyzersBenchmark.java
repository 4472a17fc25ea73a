package io.palisade.detection.bench;

import io.palisade.detection.analysis.Analyzer;
import io.palisade.detection.analysis.Analyzers;
import io.palisade.detection.analysis.CollectingFindings;
import io.palisade.detection.analysis.TestMessage;
import io.palisade.detection.analysis.TestScanContext;
import io.palisade.detection.analysis.banner.BannerMarkerVerifier;
import io.palisade.detection.model.ParsedMessage;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The cost of the eight analysis layers on typical messages (the MIME parsing and scoring are measured by the
 * scanner's own benchmark). Run: see docs/detection-analyzers.md, "Speed".
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class AnalyzersBenchmark {
    private final List<Analyzer> analyzers = Analyzers.defaults(BannerMarkerVerifier.rejectingAll());
    private final TestScanContext context =
            TestScanContext.tenant().vip("Jane Doe").insider("Robert Miller");

    final ParsedMessage phish = TestMessage.message()
            .from("Microsoft 365 Support", "no-reply@micros0ft-support.com")
            .header(
                    "Authentication-Results",
                    "mx.contoso-mail.net; spf=fail smtp.mailfrom=micros0ft-support.com;"
                            + " dkim=none; dmarc=fail header.from=micros0ft-support.com")
            .subject("Action required: your password expires today")
            .html("<p>Your password will expire today. Keep your current password:</p>"
                    + "<a href='https://bit.ly/3kq9'>https://login.microsoftonline.com/</a>"
                    + "<img src='https://t.micros0ft-support.com/o.gif' width=1 height=1>")
            .build();

    final ParsedMessage newsletter = TestMessage.message()
            .from("Garden Shop", "news@shop-mail.com")
            .subject("Spring sale this weekend")
            .html(newsletterHtml())
            .build();

    final ParsedMessage withAttachments = TestMessage.message()
            .from("Pat Partner", "pat@partner-firm.com")
            .subject("Documents")
            .text("Please find the signed documents attached.")
            .attach(
                    "notes.txt",
                    "text/plain",
                    "Minutes of the meeting".repeat(200).getBytes(StandardCharsets.UTF_8))
            .attach("page.html", "text/html", "<html><body><h1>Receipt</h1></body></html>")
            .build();

    private static String newsletterHtml() {
        StringBuilder html = new StringBuilder("<div style='display:none'>20% off garden furniture</div>");
        for (int i = 0; i < 40; i++) {
            html.append("<p>Item ")
                    .append(i)
                    .append(": a fine garden chair at a fair price, urgent offers.</p>")
                    .append("<a href='https://u1.ct.sendgrid.net/ls/click?upn=")
                    .append(i)
                    .append("'>Shop</a>")
                    .append("<img src='https://img.shop-mail.com/p")
                    .append(i)
                    .append(".jpg' width=200 height=200>");
        }
        return html.append("<img src='https://t.shop-mail.com/open.gif' width=1 height=1>")
                .toString();
    }

    private int run(ParsedMessage message) {
        CollectingFindings findings = new CollectingFindings();
        for (Analyzer analyzer : analyzers) {
            analyzer.analyze(message, context, findings);
        }
        return findings.all().size();
    }

    @Benchmark
    public int credentialPhish() {
        return run(phish);
    }

    @Benchmark
    public int newsletter() {
        return run(newsletter);
    }

    @Benchmark
    public int textAndHtmlAttachments() {
        return run(withAttachments);
    }
}
