package io.palisade.m365.mail;

import com.microsoft.graph.models.Message;
import com.microsoft.graph.models.MessageCollectionResponse;
import com.microsoft.graph.serviceclient.GraphServiceClient;
import com.microsoft.graph.users.item.messages.item.MessageItemRequestBuilder;
import com.microsoft.graph.users.item.messages.item.move.MovePostRequestBody;
import com.microsoft.kiota.ApiException;
import com.microsoft.kiota.RequestInformation;
import io.palisade.core.connector.ConnectorException;
import io.palisade.core.connector.MailboxConnector;
import io.palisade.core.connector.MessageCopy;
import io.palisade.core.connector.MessageRef;
import io.palisade.core.connector.Provider;
import io.palisade.core.connector.QuarantineResult;
import io.palisade.core.mailbox.Mailbox;
import io.palisade.core.mailbox.MailboxRepository;
import io.palisade.core.mailbox.MailboxStatus;
import io.palisade.m365.graph.GraphBatch;
import io.palisade.m365.graph.GraphErrors;
import io.palisade.m365.graph.M365Tenants;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.stereotype.Component;

/** The {@link MailboxConnector} of Microsoft 365, through the Microsoft Graph SDK. */
@Component
public class M365MailboxConnector implements MailboxConnector {

    /** Raw messages larger than this are refused: Exchange Online's own limit is 150 MB. */
    static final int MAX_MIME_BYTES = 150 * 1024 * 1024;

    private final M365Tenants tenants;
    private final QuarantineFolders quarantineFolders;
    private final BannerWriter bannerWriter;
    private final MailboxRepository mailboxes;
    private final GraphBatch batch;

    public M365MailboxConnector(
            M365Tenants tenants,
            QuarantineFolders quarantineFolders,
            BannerWriter bannerWriter,
            MailboxRepository mailboxes,
            GraphBatch batch) {
        this.batch = batch;
        this.tenants = tenants;
        this.quarantineFolders = quarantineFolders;
        this.bannerWriter = bannerWriter;
        this.mailboxes = mailboxes;
    }

    @Override
    public Provider provider() {
        return Provider.M365;
    }

    @Override
    public byte[] fetchMime(MessageRef ref) throws ConnectorException {
        try (InputStream content = message(ref).content().get()) {
            if (content == null) {
                throw ConnectorException.permanent("fetch MIME returned no content", null);
            }
            byte[] mime = content.readNBytes(MAX_MIME_BYTES + 1);
            if (mime.length > MAX_MIME_BYTES) {
                throw ConnectorException.permanent("message exceeds " + MAX_MIME_BYTES + " bytes", null);
            }
            return mime;
        } catch (IOException e) {
            throw ConnectorException.retryable(
                    "fetch MIME failed: " + e.getClass().getSimpleName(), null, e);
        } catch (RuntimeException e) {
            throw GraphErrors.map("fetch MIME", e);
        }
    }

    /** The message's received time, folder and internet message id. */
    public Message metadata(MessageRef ref) throws ConnectorException {
        try {
            return message(ref)
                    .get(request -> request.queryParameters.select =
                            new String[] {"id", "receivedDateTime", "parentFolderId", "internetMessageId"});
        } catch (RuntimeException e) {
            throw GraphErrors.map("get message", e);
        }
    }

    @Override
    public QuarantineResult quarantine(MessageRef ref) throws ConnectorException {
        String originalFolder = metadata(ref).getParentFolderId();
        try {
            String quarantine = quarantineFolders.ensure(graph(ref), ref.tenantId(), ref.providerMailboxId());
            try {
                return new QuarantineResult(move(ref, quarantine), originalFolder);
            } catch (ApiException e) {
                if (e.getResponseStatusCode() != 404) {
                    throw e;
                }
                // The message was there a moment ago, so the folder it went to is what is missing (deleted by
                // hand): made again, and the move tried once more. A message gone meanwhile fails the same way.
                quarantineFolders.forget(ref.tenantId(), ref.providerMailboxId());
                quarantine = quarantineFolders.ensure(graph(ref), ref.tenantId(), ref.providerMailboxId());
                return new QuarantineResult(move(ref, quarantine), originalFolder);
            }
        } catch (RuntimeException e) {
            throw GraphErrors.map("quarantine", e);
        }
    }

    @Override
    public String release(MessageRef ref, String originalFolderId) throws ConnectorException {
        try {
            return move(ref, originalFolderId);
        } catch (RuntimeException e) {
            throw GraphErrors.map("release", e);
        }
    }

    @Override
    public void softDelete(MessageRef ref) throws ConnectorException {
        try {
            message(ref).delete();
        } catch (RuntimeException e) {
            throw GraphErrors.map("soft delete", e);
        }
    }

    @Override
    public void hardDelete(MessageRef ref) throws ConnectorException {
        try {
            message(ref).permanentDelete().post();
        } catch (RuntimeException e) {
            throw GraphErrors.map("permanent delete", e);
        }
    }

    /**
     * Looks in every ACTIVE mailbox of the tenant, one {@code $filter} request per mailbox sent in JSON batches of 20
     * ({@link GraphBatch}); a mailbox that is gone (404) has no copy.
     */
    @Override
    public List<MessageCopy> findCopies(UUID tenantId, String internetMessageId) throws ConnectorException {
        GraphServiceClient graph = tenants.graph(tenantId);
        String filter = "internetMessageId eq '" + internetMessageId.replace("'", "''") + "'";
        Map<String, RequestInformation> requests = new LinkedHashMap<>();
        for (Mailbox mailbox : mailboxes.findByTenantIdAndStatusOrderByAddress(tenantId, MailboxStatus.ACTIVE)) {
            requests.put(
                    mailbox.getProviderMailboxId(),
                    graph.users()
                            .byUserId(mailbox.getProviderMailboxId())
                            .messages()
                            .toGetRequestInformation(r -> {
                                r.queryParameters.filter = filter;
                                r.queryParameters.select = new String[] {"id", "parentFolderId"};
                            }));
        }
        List<MessageCopy> copies = new ArrayList<>();
        batch.getAllAcrossMailboxes(graph, requests, MessageCollectionResponse::createFromDiscriminatorValue)
                .forEach((mailbox, found) -> {
                    if (found.getValue() != null) {
                        found.getValue()
                                .forEach(m -> copies.add(new MessageCopy(mailbox, m.getId(), m.getParentFolderId())));
                    }
                });
        return copies;
    }

    @Override
    public String replaceContent(MessageRef ref, byte[] newMime) throws ConnectorException {
        return bannerWriter.write(graph(ref), ref, newMime);
    }

    private String move(MessageRef ref, String destinationId) {
        MovePostRequestBody body = new MovePostRequestBody();
        body.setDestinationId(destinationId);
        return message(ref).move().post(body).getId();
    }

    private MessageItemRequestBuilder message(MessageRef ref) {
        return graph(ref).users().byUserId(ref.providerMailboxId()).messages().byMessageId(ref.providerMessageId());
    }

    private GraphServiceClient graph(MessageRef ref) {
        return tenants.graph(ref.tenantId());
    }
}
