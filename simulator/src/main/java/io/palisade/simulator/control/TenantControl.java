package io.palisade.simulator.control;

import io.palisade.simulator.mail.MailDrop;
import io.palisade.simulator.server.Json;
import io.palisade.simulator.server.Request;
import io.palisade.simulator.server.Response;
import io.palisade.simulator.server.Router;
import io.palisade.simulator.server.Routes;
import io.palisade.simulator.state.Application;
import io.palisade.simulator.state.MailFolder;
import io.palisade.simulator.state.Mailbox;
import io.palisade.simulator.state.SimState;
import io.palisade.simulator.state.StoredMessage;
import io.palisade.simulator.state.Tenant;
import java.io.ByteArrayInputStream;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Control API for Microsoft 365 content: tenants with their app credentials, applications,
 * consents, mailboxes, delivering raw mail, and reading a mailbox's state.
 */
public final class TenantControl implements Routes {

    /** Roles a new tenant's app gets when the request names none: all Palisade needs. */
    public static final Set<String> DEFAULT_ROLES = Set.of(
            "User.Read.All",
            "GroupMember.Read.All",
            "Mail.ReadWrite",
            "Mail-Advanced.ReadWrite.All",
            "Chat.Read.All",
            "ChannelMessage.Read.All",
            "Chat.UpdatePolicyViolation.All",
            "Files.Read.All");

    private static final Logger LOG = LoggerFactory.getLogger(TenantControl.class);

    private final SimState state;

    public TenantControl(SimState state) {
        this.state = state;
    }

    @Override
    public void register(Router router) {
        router.post("/_sim/tenants", this::createTenant)
                .get("/_sim/tenants", this::listTenants)
                .get("/_sim/tenants/{tenant}", r -> json(200, tenantJson(tenant(r))))
                .post("/_sim/tenants/{tenant}/consents", this::consent)
                .post("/_sim/applications", this::createApplication)
                .post("/_sim/applications/{clientId}/certificates", this::addCertificate)
                .post("/_sim/tenants/{tenant}/mailboxes", this::createMailboxes)
                .get("/_sim/tenants/{tenant}/mailboxes", this::listMailboxes)
                .get("/_sim/tenants/{tenant}/mailboxes/{mailbox}", this::mailboxState)
                .post("/_sim/tenants/{tenant}/mailboxes/{mailbox}/messages", this::deliver)
                .get("/_sim/tenants/{tenant}/mailboxes/{mailbox}/messages/{id}/mime", this::mime);
    }

    private Response createTenant(Request request) {
        JsonNode json = body(request);
        String domain = Json.text(json, "domain");
        if (domain == null) {
            domain = "tenant-" + state.ids().guid().substring(0, 8) + ".onmicrosoft.com";
        }
        String name = Json.text(json, "displayName");
        Tenant tenant;
        try {
            tenant = state.createTenant(domain, name != null ? name : domain);
        } catch (IllegalStateException e) {
            throw ControlErrors.error(409, "a tenant with this domain exists already");
        }
        Application app = register(json, "App for " + tenant.domain());
        tenant.grant(app.clientId(), json.has("roles") ? roles(json) : app.requiredRoles());
        return json(201, tenantJson(tenant));
    }

    private Application register(JsonNode json, String defaultName) {
        Set<String> roles = roles(json);
        String name = Json.text(json, "appDisplayName");
        List<X509Certificate> certs = new ArrayList<>();
        String pem = Json.text(json, "certificatePem");
        if (pem != null) {
            certs.add(certificate(pem));
        }
        return state.registerApplication(
                Json.text(json, "clientId"),
                Json.text(json, "clientSecret"),
                name != null ? name : defaultName,
                roles,
                certs);
    }

    private static Set<String> roles(JsonNode json) {
        JsonNode roles = json.get("roles");
        if (roles == null || roles.isNull()) {
            return DEFAULT_ROLES;
        }
        Set<String> out = new LinkedHashSet<>();
        roles.forEach(r -> out.add(r.asString()));
        return out;
    }

    private Response createApplication(Request request) {
        Application app = register(body(request), "Palisade");
        return json(201, applicationJson(app, app.requiredRoles()));
    }

    private Response addCertificate(Request request) {
        Application app =
                state.application(request.param("clientId")).orElseThrow(() -> ControlErrors.notFound("application"));
        app.certificates().add(certificate(request.bodyText()));
        return Response.empty(204);
    }

    private static X509Certificate certificate(String pem) {
        try {
            return (X509Certificate) CertificateFactory.getInstance("X.509")
                    .generateCertificate(
                            new ByteArrayInputStream(pem.getBytes(java.nio.charset.StandardCharsets.US_ASCII)));
        } catch (CertificateException e) {
            throw ControlErrors.badRequest("not a PEM certificate: " + e.getMessage());
        }
    }

    private Response consent(Request request) {
        Tenant tenant = tenant(request);
        JsonNode json = body(request);
        Application app =
                state.application(Json.text(json, "clientId")).orElseThrow(() -> ControlErrors.notFound("application"));
        tenant.grant(app.clientId(), json.has("roles") ? roles(json) : app.requiredRoles());
        return json(200, tenantJson(tenant));
    }

    private Response listTenants(Request request) {
        ObjectNode body = Json.object();
        ArrayNode value = body.putArray("value");
        state.tenants().forEach(t -> value.add(tenantJson(t)));
        return json(200, body);
    }

    private ObjectNode tenantJson(Tenant tenant) {
        ObjectNode out = Json.object();
        out.put("tenantId", tenant.id());
        out.put("domain", tenant.domain());
        out.put("displayName", tenant.displayName());
        out.put("mailboxCount", tenant.mailboxCount());
        ArrayNode apps = out.putArray("applications");
        for (Application app : state.applications()) {
            tenant.rolesOf(app.clientId()).ifPresent(roles -> apps.add(applicationJson(app, roles)));
        }
        if (!apps.isEmpty()) {
            JsonNode first = apps.get(0);
            out.put("clientId", first.get("clientId").asString());
            out.set("clientSecret", first.get("clientSecret"));
            out.set("roles", first.get("roles"));
        }
        return out;
    }

    private static ObjectNode applicationJson(Application app, Set<String> roles) {
        ObjectNode out = Json.object();
        out.put("clientId", app.clientId());
        out.put("clientSecret", app.clientSecret());
        out.put("displayName", app.displayName());
        ArrayNode array = out.putArray("roles");
        roles.stream().sorted().forEach(array::add);
        return out;
    }

    private Response createMailboxes(Request request) {
        Tenant tenant = tenant(request);
        JsonNode json = body(request);
        int count = json.has("count") ? json.get("count").asInt() : 0;
        if (count > 0) {
            ObjectNode body = Json.object();
            ArrayNode value = body.putArray("value");
            String prefix = Json.text(json, "prefix") != null ? Json.text(json, "prefix") : "user";
            int start = tenant.mailboxCount();
            for (int i = 1; i <= count; i++) {
                String local = prefix + (start + i);
                value.add(mailboxJson(addMailbox(tenant, local, "User " + (start + i))));
            }
            return json(201, body);
        }
        String upn = Json.text(json, "userPrincipalName");
        String local = Json.text(json, "localPart");
        String displayName = Json.text(json, "displayName");
        if (upn == null && local == null) {
            throw ControlErrors.badRequest("give userPrincipalName, localPart or count");
        }
        String name = upn != null ? upn : local;
        return json(201, mailboxJson(addMailbox(tenant, name, displayName != null ? displayName : name)));
    }

    private static Mailbox addMailbox(Tenant tenant, String name, String displayName) {
        String upn = name.contains("@") ? name : name + "@" + tenant.domain();
        try {
            return tenant.addMailbox(upn, displayName);
        } catch (IllegalStateException e) {
            throw ControlErrors.error(409, "a mailbox with this name exists already");
        }
    }

    private Response listMailboxes(Request request) {
        ObjectNode body = Json.object();
        ArrayNode value = body.putArray("value");
        tenant(request).mailboxes().forEach(m -> value.add(mailboxJson(m)));
        return json(200, body);
    }

    private static ObjectNode mailboxJson(Mailbox mailbox) {
        ObjectNode out = Json.object();
        out.put("id", mailbox.id());
        out.put("userPrincipalName", mailbox.userPrincipalName());
        out.put("displayName", mailbox.displayName());
        return out;
    }

    private Response deliver(Request request) {
        Mailbox mailbox = mailbox(request);
        String folder = request.query("folder") != null ? request.query("folder") : "inbox";
        if (mailbox.folder(folder).isEmpty()) {
            throw ControlErrors.notFound("folder");
        }
        StoredMessage message;
        try {
            message = MailDrop.deliver(
                    mailbox, folder, request.body(), state.clock().instant());
        } catch (IllegalArgumentException e) {
            LOG.info("event=delivery_refused reason={}", e.getMessage());
            throw ControlErrors.badRequest("not a mail message: " + e.getMessage());
        }
        ObjectNode out = Json.object();
        out.put("id", message.id());
        out.put("internetMessageId", message.internetMessageId());
        out.put("folderId", message.folderId());
        return json(201, out);
    }

    private Response mailboxState(Request request) {
        Mailbox mailbox = mailbox(request);
        ObjectNode out = mailboxJson(mailbox);
        ArrayNode folders = out.putArray("folders");
        for (MailFolder folder : mailbox.folders()) {
            ObjectNode f = folders.addObject();
            f.put("id", folder.id());
            f.put("displayName", folder.displayName());
            f.put("wellKnownName", folder.wellKnownName());
            f.put("parentFolderId", folder.parentFolderId());
            f.put("hidden", folder.hidden());
            ArrayNode messages = f.putArray("messages");
            for (StoredMessage m : mailbox.messagesIn(folder.id())) {
                ObjectNode j = messages.addObject();
                j.put("id", m.id());
                j.put("internetMessageId", m.internetMessageId());
                j.put("subject", m.subject());
                j.put("isRead", m.read());
                j.put("isDraft", m.draft());
                j.put("flagStatus", m.flagStatus());
                j.put("importance", m.importance());
                ArrayNode categories = j.putArray("categories");
                m.categories().forEach(categories::add);
                j.put("receivedDateTime", m.receivedAt().toString());
                j.put("bodyReplaced", m.body() != null);
                j.put("size", m.mime() == null ? 0 : m.mime().size());
            }
        }
        return json(200, out);
    }

    private Response mime(Request request) {
        Mailbox mailbox = mailbox(request);
        StoredMessage message =
                mailbox.message(request.param("id")).orElseThrow(() -> ControlErrors.notFound("message"));
        if (message.mime() == null) {
            throw ControlErrors.notFound("MIME of this message (it was made from JSON)");
        }
        return Response.bytes(200, "message/rfc822", message.mime().bytes());
    }

    private Tenant tenant(Request request) {
        return state.tenant(request.param("tenant")).orElseThrow(() -> ControlErrors.notFound("tenant"));
    }

    private Mailbox mailbox(Request request) {
        return tenant(request).mailbox(request.param("mailbox")).orElseThrow(() -> ControlErrors.notFound("mailbox"));
    }

    private static JsonNode body(Request request) {
        if (request.body().length == 0) {
            return Json.object();
        }
        JsonNode json = Json.parseOrNull(request.body());
        if (json == null || !json.isObject()) {
            throw ControlErrors.badRequest("the body must be a JSON object");
        }
        return json;
    }

    private static Response json(int status, JsonNode body) {
        return Response.json(status, Json.write(body));
    }
}
