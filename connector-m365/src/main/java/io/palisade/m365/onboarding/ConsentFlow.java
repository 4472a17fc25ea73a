package io.palisade.m365.onboarding;

import com.azure.core.credential.AccessToken;
import io.palisade.core.connector.ConnectorException;
import io.palisade.core.tenant.Tenant;
import io.palisade.m365.M365Properties;
import io.palisade.m365.graph.GraphClients;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Microsoft admin consent ({@code platform-facts.md} section 7): the link an administrator follows, and the callback
 * that records the tenant only once a token for it was obtained. The tenant and roles come from that token, never
 * from the redirect's query, which anyone could forge.
 */
@Service
public class ConsentFlow {

    private static final Logger LOG = LoggerFactory.getLogger(ConsentFlow.class);
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final Pattern TENANT_HINT = Pattern.compile("[A-Za-z0-9.-]{1,253}");

    /**
     * The result of a completed consent: the tenant, the roles granted, what is missing, and whether the Microsoft
     * tenant was connected before (its Palisade tenant was reused).
     */
    public record Completed(
            Tenant tenant, Set<String> grantedRoles, List<M365Permissions.Missing> missing, boolean reconnected) {}

    private final M365Properties properties;
    private final GraphClients graphClients;
    private final M365Onboarding onboarding;
    private final ConnectedTenants connected;

    public ConsentFlow(
            M365Properties properties,
            GraphClients graphClients,
            M365Onboarding onboarding,
            ConnectedTenants connected) {
        this.properties = properties;
        this.graphClients = graphClients;
        this.onboarding = onboarding;
        this.connected = connected;
    }

    /** A fresh, unguessable state value, to keep in the administrator's session. */
    public static String newState() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    /** Whether the state that came back is the one in the session, compared in constant time. */
    public static boolean stateMatches(String expected, String returned) {
        return expected != null
                && returned != null
                && MessageDigest.isEqual(
                        expected.getBytes(StandardCharsets.UTF_8), returned.getBytes(StandardCharsets.UTF_8));
    }

    /**
     * The admin-consent link.
     *
     * @param tenantHint the customer's tenant id or domain; null or blank for {@code organizations}
     * @throws IllegalArgumentException when the hint is not a tenant id or domain, or {@code common}
     */
    public URI link(String tenantHint, URI redirectUri, String state) {
        String tenant = tenantHint == null || tenantHint.isBlank() ? "organizations" : tenantHint.trim();
        if (!TENANT_HINT.matcher(tenant).matches() || tenant.equalsIgnoreCase("common")) {
            throw new IllegalArgumentException("not a tenant id or domain: " + tenant);
        }
        String authority = properties.authorityHost().toString().replaceAll("/+$", "");
        return URI.create(authority + "/" + tenant + "/v2.0/adminconsent?client_id=" + encode(properties.clientId())
                + "&scope=" + encode(GraphClients.GRAPH_SCOPE) + "&redirect_uri=" + encode(redirectUri.toString())
                + "&state=" + encode(state));
    }

    /**
     * Completes consent for the tenant the redirect names: obtains a token for it, reads the tenant and roles from
     * the token, and onboards it; a Microsoft tenant connected before keeps its Palisade tenant, with the roles and
     * mailboxes refreshed.
     *
     * @throws ConnectorException when no token could be obtained or the token is for another tenant
     */
    public Completed complete(String redirectTenant, String displayName) throws ConnectorException {
        AccessToken token = graphClients.appToken(redirectTenant);
        JsonNode claims = claims(token.getToken());
        String tid = claims.path("tid").asString("");
        if (!tid.equalsIgnoreCase(redirectTenant)) {
            throw ConnectorException.permanent("the token's tenant differs from the consent redirect's", null);
        }
        Set<String> roles = new LinkedHashSet<>();
        claims.path("roles").forEach(role -> roles.add(role.asString()));
        List<M365Permissions.Missing> missing = M365Permissions.missing(roles);
        if (!M365Permissions.canReadMail(roles)) {
            throw ConnectorException.permanent("consent granted neither Mail.Read nor Mail.ReadWrite", null);
        }
        boolean reconnected = connected.find(tid).isPresent();
        Tenant tenant = onboarding.onboard(tid, displayName, List.copyOf(roles));
        missing.forEach(m -> LOG.warn(
                "event=m365_role_missing tenant={} role={} effect=\"{}\"", tenant.getId(), m.role(), m.effect()));
        return new Completed(tenant, roles, missing, reconnected);
    }

    private static JsonNode claims(String jwt) throws ConnectorException {
        String[] parts = jwt.split("\\.");
        if (parts.length < 2) {
            throw ConnectorException.permanent("the app token is not a JWT", null);
        }
        // The token came straight from the identity platform over TLS for our own credentials, so its claims are
        // read, not verified; Graph verifies the signature on every call.
        byte[] payload = Base64.getUrlDecoder().decode(parts[1]);
        return JSON.readTree(payload);
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
