package io.palisade.banners.compose;

import io.palisade.banners.live.LiveTokens;
import java.net.URI;
import java.util.UUID;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/** The absolute address of a message's live page, {@code <public base URL>/b/<token>}, put into every banner. */
@Component
public class LivePageLinks {

    private final LiveTokens tokens;
    private final URI base;

    public LivePageLinks(
            LiveTokens tokens, @Value("${palisade.public-base-url:http://localhost:${server.port:8080}}") URI base) {
        if (!base.isAbsolute() || base.getHost() == null) {
            throw new IllegalArgumentException("palisade.public-base-url must be an absolute http(s) URL: " + base);
        }
        this.tokens = tokens;
        this.base = base;
    }

    /** A fresh link for the tenant's mail item. */
    public URI forItem(UUID tenantId, UUID mailItemId) {
        String root = base.toString().endsWith("/") ? base.toString() : base + "/";
        return URI.create(root + "b/" + tokens.issue(tenantId, mailItemId));
    }
}
