package io.palisade.detection.parse;

import static org.assertj.core.api.Assertions.assertThat;

import io.palisade.detection.model.Link;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.jsoup.Jsoup;
import org.junit.jupiter.api.Test;

class LinkExtractorTest {

    private static List<String> inText(String text) {
        return LinkExtractor.urlsIn(text, 100);
    }

    @Test
    void trimsSentencePunctuationButKeepsBalancedParentheses() {
        assertThat(inText(
                        "See https://example.com/a. Or (https://example.com/b), or https://en.example.org/wiki/X_(y)!"))
                .containsExactly("https://example.com/a", "https://example.com/b", "https://en.example.org/wiki/X_(y)");
    }

    @Test
    void findsDefangedAndSchemelessAddresses() {
        assertThat(inText("hxxps://evil.example/login and www.example.net/path"))
                .containsExactly("hxxps://evil.example/login", "www.example.net/path");
    }

    @Test
    void doesNotTakeEmailAddressesOrWordsForLinks() {
        assertThat(inText("Write to support@www.example.com or visit the www section, http or https."))
                .isEmpty();
    }

    @Test
    void takesAnchorTextFromTheTitleWhenTheAnchorHasNoText() {
        Set<Link> links = new LinkedHashSet<>();
        LinkExtractor.fromHtml(
                Jsoup.parse("<a href='https://x.example/' title='Open'><img src='cid:1'></a><a href='#top'>up</a>"),
                links,
                10);

        assertThat(links).containsExactly(new Link("https://x.example/", "Open", Link.Source.HTML_ANCHOR));
    }

    @Test
    void stopsAtTheLimit() {
        Set<Link> links = new LinkedHashSet<>();
        LinkExtractor.fromText("https://a.example/1 https://a.example/2 https://a.example/3", links, 2);

        assertThat(links).hasSize(2);
    }
}
