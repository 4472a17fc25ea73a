package io.palisade.simulator.google;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.api.client.googleapis.batch.BatchRequest;
import com.google.api.client.googleapis.batch.json.JsonBatchCallback;
import com.google.api.client.googleapis.json.GoogleJsonError;
import com.google.api.client.googleapis.json.GoogleJsonResponseException;
import com.google.api.client.http.ByteArrayContent;
import com.google.api.client.http.HttpHeaders;
import com.google.api.client.http.javanet.NetHttpTransport;
import com.google.api.client.json.gson.GsonFactory;
import com.google.api.services.gmail.Gmail;
import com.google.api.services.gmail.model.BatchModifyMessagesRequest;
import com.google.api.services.gmail.model.History;
import com.google.api.services.gmail.model.Label;
import com.google.api.services.gmail.model.ListHistoryResponse;
import com.google.api.services.gmail.model.ListMessagesResponse;
import com.google.api.services.gmail.model.Message;
import com.google.api.services.gmail.model.MessagePartBody;
import com.google.api.services.gmail.model.MessagePartHeader;
import com.google.api.services.gmail.model.ModifyMessageRequest;
import com.google.api.services.gmail.model.Profile;
import com.google.auth.http.HttpCredentialsAdapter;
import com.google.auth.oauth2.GoogleCredentials;
import com.google.auth.oauth2.ServiceAccountCredentials;
import io.palisade.simulator.Fixtures;
import io.palisade.simulator.control.SimGoogleDomain;
import io.palisade.simulator.junit.SimulatorExtension;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The Gmail API through the real Google API Client and google-auth-library, with only the root URL changed. A little
 * over 400 lines: one domain and key serve every messages, labels, history and batch case.
 */
class GmailContractTest {

    static final String MODIFY = "https://www.googleapis.com/auth/gmail.modify";
    static final String READONLY = "https://www.googleapis.com/auth/gmail.readonly";
    static final String METADATA = "https://www.googleapis.com/auth/gmail.metadata";
    static final String FULL = "https://mail.google.com/";

    @RegisterExtension
    static SimulatorExtension sim = new SimulatorExtension();

    static SimGoogleDomain domain;
    static String keyFile;

    @BeforeAll
    static void domain() {
        domain = sim.control().createGoogleDomain("fabrikam.example", 10);
        keyFile = sim.control().googleKeyFile("fabrikam.example");
    }

    static Gmail gmail(String user, String... scopes) throws IOException {
        GoogleCredentials credentials = ServiceAccountCredentials.fromStream(
                        new ByteArrayInputStream(keyFile.getBytes(StandardCharsets.UTF_8)))
                .createScoped(List.of(scopes))
                .createDelegated(user);
        return new Gmail.Builder(
                        new NetHttpTransport(),
                        GsonFactory.getDefaultInstance(),
                        new HttpCredentialsAdapter(credentials))
                .setRootUrl(sim.simulator().gmailRootUrl())
                .setApplicationName("palisade-contract-test")
                .build();
    }

    static String user(int n) {
        return "user" + n + "@fabrikam.example";
    }

    static byte[] mime(String id, String subject) {
        return Fixtures.message("<" + id + "@fabrikam.example>", subject);
    }

    @Test
    void delegatedServiceAccountReadsTheUsersProfile() throws Exception {
        Profile profile = gmail(user(1), READONLY).users().getProfile("me").execute();

        assertThat(profile.getEmailAddress()).isEqualTo(user(1));
        assertThat(profile.getHistoryId()).isPositive();
        assertThat(domain.serviceAccount().email()).endsWith(".iam.gserviceaccount.com");
    }

    @Test
    void scopesTheAdminDidNotDelegateGetNoToken() throws Exception {
        sim.control()
                .createGoogleDomain(
                        java.util.Map.of("domain", "narrow.example", "count", 1, "scopes", List.of(READONLY)));
        String narrowKey = sim.control().googleKeyFile("narrow.example");
        GoogleCredentials credentials = ServiceAccountCredentials.fromStream(
                        new ByteArrayInputStream(narrowKey.getBytes(StandardCharsets.UTF_8)))
                .createScoped(List.of(MODIFY))
                .createDelegated("user1@narrow.example");
        Gmail client = new Gmail.Builder(
                        new NetHttpTransport(),
                        GsonFactory.getDefaultInstance(),
                        new HttpCredentialsAdapter(credentials))
                .setRootUrl(sim.simulator().gmailRootUrl())
                .setApplicationName("palisade-contract-test")
                .build();

        assertThatThrownBy(() -> client.users().getProfile("me").execute())
                .isInstanceOf(IOException.class)
                .hasMessageContaining("401");
    }

    @Test
    void anotherUsersMailboxIsForbidden() throws Exception {
        Gmail client = gmail(user(1), READONLY);

        assertThatThrownBy(() -> client.users().getProfile(user(2)).execute())
                .isInstanceOfSatisfying(
                        GoogleJsonResponseException.class,
                        e -> assertThat(e.getStatusCode()).isEqualTo(403));
    }

    @Test
    void deliveredMailIsListedAndReadInEveryFormat() throws Exception {
        byte[] original = mime("formats-1", "Quarterly numbers");
        String id = sim.control().deliverGmail(user(2), original);
        Gmail client = gmail(user(2), READONLY);

        ListMessagesResponse inbox = client.users()
                .messages()
                .list("me")
                .setLabelIds(List.of("INBOX"))
                .execute();
        Message raw = client.users().messages().get("me", id).setFormat("raw").execute();
        Message full = client.users().messages().get("me", id).setFormat("full").execute();
        Message metadata = client.users()
                .messages()
                .get("me", id)
                .setFormat("metadata")
                .setMetadataHeaders(List.of("Subject"))
                .execute();
        Message minimal =
                client.users().messages().get("me", id).setFormat("minimal").execute();

        assertThat(inbox.getMessages()).extracting(Message::getId).contains(id);
        assertThat(raw.decodeRaw()).isEqualTo(original);
        assertThat(full.getLabelIds()).contains("INBOX", "UNREAD");
        assertThat(header(full, "Subject")).isEqualTo("Quarterly numbers");
        assertThat(full.getPayload().getMimeType()).isEqualTo("text/plain");
        assertThat(metadata.getPayload().getHeaders())
                .extracting(MessagePartHeader::getName)
                .containsExactly("Subject");
        assertThat(minimal.getPayload()).isNull();
        assertThat(minimal.getThreadId()).isNotBlank();
    }

    @Test
    void metadataScopeMayNotReadBodies() throws Exception {
        String id = sim.control().deliverGmail(user(2), mime("meta-1", "Only headers"));
        Gmail client = gmail(user(2), METADATA);

        assertThat(client.users()
                        .messages()
                        .get("me", id)
                        .setFormat("metadata")
                        .execute()
                        .getId())
                .isEqualTo(id);
        assertThatThrownBy(() ->
                        client.users().messages().get("me", id).setFormat("raw").execute())
                .isInstanceOfSatisfying(
                        GoogleJsonResponseException.class,
                        e -> assertThat(e.getStatusCode()).isEqualTo(403));
    }

    @Test
    void insertByResumableUploadKeepsTheBytesTheLabelsAndTheThread() throws Exception {
        String original = sim.control().deliverGmail(user(3), mime("thread-1", "Banner me"));
        Gmail client = gmail(user(3), MODIFY);
        String thread = client.users()
                .messages()
                .get("me", original)
                .setFormat("minimal")
                .execute()
                .getThreadId();
        byte[] copy = mime("thread-1-copy", "Banner me");

        Message metadata = new Message().setLabelIds(List.of("INBOX")).setThreadId(thread);
        Message inserted = client.users()
                .messages()
                .insert("me", metadata, new ByteArrayContent("message/rfc822", copy))
                .execute();
        Message read = client.users()
                .messages()
                .get("me", inserted.getId())
                .setFormat("raw")
                .execute();

        assertThat(inserted.getId()).isNotEqualTo(original);
        assertThat(inserted.getThreadId()).isEqualTo(thread);
        assertThat(read.decodeRaw()).isEqualTo(copy);
        assertThat(read.getLabelIds()).containsExactly("INBOX");
    }

    @Test
    void insertWithRawInTheBodyAndImportWithTheDateHeader() throws Exception {
        Gmail client = gmail(user(3), MODIFY);
        byte[] body = mime("raw-json-1", "Inserted as JSON");

        Message inserted = client.users()
                .messages()
                .insert("me", new Message().encodeRaw(body).setLabelIds(List.of("INBOX")))
                .execute();
        var upload = client.users()
                .messages()
                .gmailImport("me", new Message(), new ByteArrayContent("message/rfc822", mime("imp-1", "Imported")));
        upload.getMediaHttpUploader().setDirectUploadEnabled(true);
        Message imported = upload.execute();

        Message insertedRead = client.users()
                .messages()
                .get("me", inserted.getId())
                .setFormat("raw")
                .execute();
        Message importedRead = client.users()
                .messages()
                .get("me", imported.getId())
                .setFormat("minimal")
                .execute();
        assertThat(insertedRead.decodeRaw()).isEqualTo(body);
        // Fixtures.message carries Date: Thu, 12 Nov 2026 08:00:00 +0000; import uses it, insert uses receipt time.
        assertThat(importedRead.getInternalDate())
                .isEqualTo(Instant.parse("2026-11-12T08:00:00Z").toEpochMilli());
        assertThat(insertedRead.getInternalDate()).isNotEqualTo(importedRead.getInternalDate());
    }

    @Test
    void modifyTrashUntrashAndDeleteChangeOnlyLabelsUntilDeleted() throws Exception {
        String a = sim.control().deliverGmail(user(4), mime("mod-a", "A"));
        String b = sim.control().deliverGmail(user(4), mime("mod-b", "B"));
        Gmail client = gmail(user(4), FULL);

        Message read = client.users()
                .messages()
                .modify("me", a, new ModifyMessageRequest().setRemoveLabelIds(List.of("UNREAD")))
                .execute();
        Message trashed = client.users().messages().trash("me", b).execute();
        Message untrashed = client.users().messages().untrash("me", b).execute();
        client.users().messages().delete("me", a).execute();

        assertThat(read.getLabelIds()).contains("INBOX").doesNotContain("UNREAD");
        assertThat(trashed.getLabelIds()).contains("TRASH").doesNotContain("INBOX");
        assertThat(untrashed.getLabelIds()).contains("INBOX").doesNotContain("TRASH");
        assertThatThrownBy(() -> client.users().messages().get("me", a).execute())
                .isInstanceOfSatisfying(
                        GoogleJsonResponseException.class,
                        e -> assertThat(e.getStatusCode()).isEqualTo(404));
    }

    @Test
    void permanentDeleteNeedsTheFullScope() throws Exception {
        String id = sim.control().deliverGmail(user(4), mime("del-1", "Keep me"));
        Gmail client = gmail(user(4), MODIFY);

        assertThatThrownBy(() -> client.users().messages().delete("me", id).execute())
                .isInstanceOfSatisfying(
                        GoogleJsonResponseException.class,
                        e -> assertThat(e.getStatusCode()).isEqualTo(403));
        assertThat(client.users().messages().get("me", id).execute().getId()).isEqualTo(id);
    }

    @Test
    void historyListsChangesSinceTheStartIdAnd404WhenItIsTooOld() throws Exception {
        Gmail client = gmail(user(5), READONLY);
        long start = client.users().getProfile("me").execute().getHistoryId().longValue();
        String id = sim.control().deliverGmail(user(5), mime("hist-1", "New"));

        ListHistoryResponse history = client.users()
                .history()
                .list("me")
                .setStartHistoryId(java.math.BigInteger.valueOf(start))
                .setHistoryTypes(List.of("messageAdded"))
                .execute();
        sim.control().expireGmailHistory(user(5));

        assertThat(history.getHistory())
                .flatExtracting(History::getMessagesAdded)
                .extracting(added -> added.getMessage().getId())
                .containsExactly(id);
        assertThat(history.getHistoryId().longValue()).isGreaterThan(start);
        assertThatThrownBy(() -> client.users()
                        .history()
                        .list("me")
                        .setStartHistoryId(java.math.BigInteger.valueOf(start))
                        .execute())
                .isInstanceOfSatisfying(
                        GoogleJsonResponseException.class,
                        e -> assertThat(e.getStatusCode()).isEqualTo(404));
    }

    @Test
    void batchServesEachCallAndAnswersInOrder() throws Exception {
        String a = sim.control().deliverGmail(user(6), mime("batch-a", "A"));
        String b = sim.control().deliverGmail(user(6), mime("batch-b", "B"));
        Gmail client = gmail(user(6), READONLY);
        List<String> outcomes = new CopyOnWriteArrayList<>();
        BatchRequest batch = client.batch();
        for (String id : List.of(a, "18ffffffffffffff", b)) {
            client.users().messages().get("me", id).setFormat("minimal").queue(batch, new JsonBatchCallback<>() {
                @Override
                public void onSuccess(Message message, HttpHeaders headers) {
                    outcomes.add(message.getId());
                }

                @Override
                public void onFailure(GoogleJsonError error, HttpHeaders headers) {
                    outcomes.add("error " + error.getCode());
                }
            });
        }

        batch.execute();

        assertThat(outcomes).containsExactly(a, "error 404", b);
    }

    @Test
    void labelsAreCreatedAndBatchModifyAppliesThemToEveryMessage() throws Exception {
        String a = sim.control().deliverGmail(user(9), mime("label-a", "A"));
        String b = sim.control().deliverGmail(user(9), mime("label-b", "B"));
        Gmail client = gmail(user(9), MODIFY);

        Label quarantine = client.users()
                .labels()
                .create(
                        "me",
                        new Label()
                                .setName("Palisade/Quarantine")
                                .setLabelListVisibility("labelShow")
                                .setMessageListVisibility("show"))
                .execute();
        client.users()
                .messages()
                .batchModify(
                        "me",
                        new BatchModifyMessagesRequest()
                                .setIds(List.of(a, b))
                                .setAddLabelIds(List.of(quarantine.getId()))
                                .setRemoveLabelIds(List.of("INBOX")))
                .execute();
        ListMessagesResponse labelled = client.users()
                .messages()
                .list("me")
                .setLabelIds(List.of(quarantine.getId()))
                .execute();

        assertThat(client.users().labels().list("me").execute().getLabels())
                .extracting(Label::getName)
                .contains("INBOX", "Palisade/Quarantine");
        assertThat(labelled.getMessages()).extracting(Message::getId).containsExactlyInAnyOrder(a, b);
        assertThat(client.users()
                        .messages()
                        .list("me")
                        .setLabelIds(List.of("INBOX"))
                        .execute()
                        .getMessages())
                .isNull();
    }

    @Test
    void attachmentsOfAFullMessageAreFetchedById() throws Exception {
        String id = sim.control().deliverGmail(user(9), Fixtures.bytes("mail/invoice.eml"));
        Gmail client = gmail(user(9), READONLY);

        Message full = client.users().messages().get("me", id).setFormat("full").execute();
        var pdf = full.getPayload().getParts().stream()
                .filter(p -> "application/pdf".equals(p.getMimeType()))
                .findFirst()
                .orElseThrow();
        MessagePartBody body = client.users()
                .messages()
                .attachments()
                .get("me", id, pdf.getBody().getAttachmentId())
                .execute();

        assertThat(pdf.getFilename()).isEqualTo("invoice-2026-1187.pdf");
        assertThat(body.decodeData()).startsWith("%PDF".getBytes(StandardCharsets.US_ASCII));
        assertThat(body.getSize()).isEqualTo(body.decodeData().length);
    }

    @Test
    void anInjectedServerErrorReachesTheClientOnceThenCallsSucceed() throws Exception {
        Gmail client = gmail(user(10), READONLY);
        sim.control()
                .addFault(
                        io.palisade.simulator.control.Fault.serverError(1, 503).onApi("gmail"));

        assertThatThrownBy(() -> client.users().getProfile("me").execute())
                .isInstanceOfSatisfying(
                        GoogleJsonResponseException.class,
                        e -> assertThat(e.getStatusCode()).isEqualTo(503));
        assertThat(client.users().getProfile("me").execute().getEmailAddress()).isEqualTo(user(10));
    }

    static String header(Message message, String name) {
        return message.getPayload().getHeaders().stream()
                .filter(h -> h.getName().equalsIgnoreCase(name))
                .map(MessagePartHeader::getValue)
                .findFirst()
                .orElse(null);
    }

    static byte[] base64Url(String text) {
        return Base64.getUrlDecoder().decode(text);
    }
}
