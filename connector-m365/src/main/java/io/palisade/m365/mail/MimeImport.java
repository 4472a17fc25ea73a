package io.palisade.m365.mail;

import com.microsoft.graph.models.Message;
import com.microsoft.graph.models.odataerrors.ODataError;
import com.microsoft.graph.serviceclient.GraphServiceClient;
import com.microsoft.kiota.HttpMethod;
import com.microsoft.kiota.RequestAdapter;
import com.microsoft.kiota.RequestInformation;
import com.microsoft.kiota.serialization.Parsable;
import com.microsoft.kiota.serialization.ParsableFactory;
import io.palisade.core.connector.MessageRef;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.HashMap;
import org.springframework.stereotype.Component;

/**
 * Beta {@code POST /users/{id}/mailFolders/{id}/importMime}: a non-draft message from base64 MIME, as if delivered.
 * The v1.0 SDK has no builder for it, so the request goes through the SDK's own request adapter (same auth, retry
 * and throttling middleware) to the beta twin of the configured base URL.
 */
@Component
class MimeImport {

    /** Imports {@code mime} into the folder; returns the new message's id. Graph errors surface as ApiException. */
    String importInto(GraphServiceClient graph, MessageRef ref, String folderId, byte[] mime) {
        RequestAdapter adapter = graph.getRequestAdapter();
        RequestInformation request = new RequestInformation();
        request.httpMethod = HttpMethod.POST;
        request.setUri(URI.create(betaBase(adapter.getBaseUrl()) + "/users/" + encode(ref.providerMailboxId())
                + "/mailFolders/" + encode(folderId) + "/importMime"));
        request.headers.add("Accept", "application/json");
        byte[] body = Base64.getEncoder().encode(mime);
        request.setStreamContent(new ByteArrayInputStream(body), "text/plain");
        HashMap<String, ParsableFactory<? extends Parsable>> errors = new HashMap<>();
        errors.put("XXX", ODataError::createFromDiscriminatorValue);
        Message created = adapter.send(request, errors, Message::createFromDiscriminatorValue);
        if (created == null || created.getId() == null) {
            throw new IllegalStateException("importMime answered without a message id");
        }
        return created.getId();
    }

    static String betaBase(String v1Base) {
        String base = v1Base.replaceAll("/+$", "");
        return base.endsWith("/v1.0") ? base.substring(0, base.length() - "/v1.0".length()) + "/beta" : base;
    }

    private static String encode(String segment) {
        return URLEncoder.encode(segment, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
