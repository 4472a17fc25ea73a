package io.palisade.detection.testing;

import io.palisade.detection.analysis.Analyzer;
import io.palisade.detection.analysis.Findings;
import io.palisade.detection.api.ScanContext;
import io.palisade.detection.model.Attachment;
import io.palisade.detection.model.Link;
import io.palisade.detection.model.ParsedMessage;
import java.util.Set;

/** A placeholder analyzer that touches every part of the parsed message, so that fuzzing reaches all of it. */
public final class ReadsEverything implements Analyzer {

    @Override
    public String name() {
        return "reads-everything";
    }

    @Override
    public Set<String> signals() {
        return Set.of("TEST_SEEN");
    }

    @Override
    public void analyze(ParsedMessage message, ScanContext context, Findings findings) {
        long size = message.from().domain().length()
                + message.subject().length()
                + message.textBody().length();
        size += message.html().map(d -> d.text().length()).orElse(0);
        size += message.headers().values().stream().mapToLong(v -> v.size()).sum();
        for (Link link : message.links()) {
            size += link.url().length() + link.anchorText().length();
        }
        for (Attachment attachment : message.attachments()) {
            size += attachment.content().length + attachment.extension().length();
        }
        findings.add("TEST_SEEN", Long.toString(size));
    }
}
