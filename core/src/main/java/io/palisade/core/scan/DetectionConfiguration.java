package io.palisade.core.scan;

import io.palisade.detection.analysis.attachment.AttachmentAnalyzer;
import io.palisade.detection.analysis.auth.AuthenticationAnalyzer;
import io.palisade.detection.analysis.content.ContentAnalyzer;
import io.palisade.detection.analysis.prefilter.PrefilterAnalyzer;
import io.palisade.detection.analysis.sender.SenderAnalyzer;
import io.palisade.detection.analysis.tracker.TrackerAnalyzer;
import io.palisade.detection.analysis.url.UrlAnalyzer;
import io.palisade.detection.engine.DefaultScanner;
import java.util.List;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The scanner the pipeline uses: the detection engine with the classpath's rule pack and signal catalogue and
 * every analyzer in layer order. Built once at start-up; an invalid rule or catalogue stops start-up.
 */
@Configuration(proxyBeanMethods = false)
public class DetectionConfiguration {

    @Bean
    DefaultScanner scanner() {
        return DefaultScanner.builder()
                .prefilter(List.of(new PrefilterAnalyzer()))
                .analyzers(List.of(
                        new AuthenticationAnalyzer(),
                        new SenderAnalyzer(),
                        new UrlAnalyzer(),
                        new AttachmentAnalyzer(),
                        new ContentAnalyzer(),
                        new TrackerAnalyzer()))
                .build();
    }
}
