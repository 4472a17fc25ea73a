package io.palisade.simulator.identity;

import io.palisade.simulator.server.Json;
import io.palisade.simulator.server.Request;
import io.palisade.simulator.server.Response;
import io.palisade.simulator.server.Router;
import io.palisade.simulator.server.Routes;
import io.palisade.simulator.state.Application;
import io.palisade.simulator.state.SimState;
import io.palisade.simulator.state.Tenant;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * The Microsoft identity platform endpoints: the v2 token endpoint for the client credentials grant,
 * signing keys, discovery documents (including the instance discovery MSAL asks for), and admin
 * consent.
 */
public final class IdentityRoutes implements Routes {

    private static final Logger LOG = LoggerFactory.getLogger(IdentityRoutes.class);
    private static final Set<String> GRAPH_RESOURCES =
            Set.of(TokenService.GRAPH_AUDIENCE, "00000003-0000-0000-c000-000000000000");

    private static final Set<String> OIDC_SCOPES = Set.of("openid", "profile", "offline_access");

    private final SimState state;
    private final TokenService tokens;
    private final ClientAssertions assertions;
    private final AdminConsent consent;

    public IdentityRoutes(SimState state, TokenService tokens) {
        this.state = state;
        this.tokens = tokens;
        // A client assertion is stamped by the client's own clock and its certificate dated in real time, as Entra ID
        // checks them: they are judged by the wall clock, not by the simulated one, which tests move forward to let
        // subscriptions and tokens of the simulated world expire.
        this.assertions = new ClientAssertions(Clock.systemUTC());
        this.consent = new AdminConsent(state);
    }

    @Override
    public void register(Router router) {
        router.post("/{tenant}/oauth2/v2.0/token", this::token)
                .get("/{tenant}/discovery/v2.0/keys", r -> keys())
                .get("/{tenant}/discovery/keys", r -> keys())
                .get("/{tenant}/v2.0/.well-known/openid-configuration", this::openIdConfiguration)
                .get("/common/discovery/instance", this::instanceDiscovery)
                .get("/{tenant}/discovery/instance", this::instanceDiscovery)
                .get("/{tenant}/v2.0/adminconsent", consent::handle)
                .get("/{tenant}/adminconsent", consent::handle);
    }

    private Response keys() {
        return Response.json(200, tokens.jwksJson());
    }

    private Response token(Request request) {
        Map<String, List<String>> form = Request.parseQuery(request.bodyText());
        String tenantRef = request.param("tenant");
        Tenant tenant = state.tenant(tenantRef)
                .orElseThrow(() -> IdentityErrors.error(
                        400,
                        "invalid_request",
                        90002,
                        "Tenant '" + tenantRef + "' not found. Check to make sure you have the correct tenant ID"
                                + " and are signing into the correct cloud."));
        if (!"client_credentials".equals(first(form, "grant_type"))) {
            throw IdentityErrors.error(
                    400, "unsupported_grant_type", 70003, "The app requested an unsupported grant type.");
        }
        Application app = application(tenant, required(form, "client_id"));
        checkScope(required(form, "scope"));
        boolean certificate = authenticate(form, app);
        Set<String> roles = tenant.rolesOf(app.clientId()).orElse(Set.of());
        String token = tokens.issueGraphToken(tenant.id(), app.clientId(), app.displayName(), roles, certificate);
        LOG.debug(
                "event=token_issued tenant={} app={} roles={} auth={}",
                tenant.id(),
                app.clientId(),
                roles.size(),
                certificate ? "certificate" : "secret");
        ObjectNode body = Json.object();
        body.put("token_type", "Bearer");
        body.put("expires_in", tokens.lifetime().toSeconds());
        body.put("ext_expires_in", tokens.lifetime().toSeconds());
        body.put("access_token", token);
        return Response.json(200, Json.write(body)).header("Cache-Control", "no-store, no-cache");
    }

    private Application application(Tenant tenant, String clientId) {
        Application app = state.application(clientId).orElse(null);
        if (app == null || tenant.rolesOf(clientId).isEmpty()) {
            throw IdentityErrors.error(
                    400,
                    "unauthorized_client",
                    700016,
                    "Application with identifier '" + clientId + "' was not found in the directory '"
                            + tenant.domain() + "'. This can happen if the application has not been installed by"
                            + " the administrator of the tenant or consented to by any user in the tenant.");
        }
        return app;
    }

    /** Checks the scope list; OpenID scopes that MSAL always adds are ignored, as Entra ignores them. */
    private static void checkScope(String scopes) {
        List<String> meaningful = java.util.Arrays.stream(scopes.trim().split("\\s+"))
                .filter(s -> !OIDC_SCOPES.contains(s))
                .toList();
        String scope = meaningful.size() == 1 ? meaningful.get(0) : scopes;
        if (!scope.endsWith("/.default")) {
            throw IdentityErrors.error(
                    400,
                    "invalid_scope",
                    1002012,
                    "The provided value for scope " + scope + " is not valid. Client credential flows must have a"
                            + " scope value with /.default suffixed to the resource identifier"
                            + " (application ID URI).");
        }
        String resource = scope.substring(0, scope.length() - "/.default".length());
        if (!GRAPH_RESOURCES.contains(resource)) {
            throw IdentityErrors.error(
                    400,
                    "invalid_resource",
                    500011,
                    "The resource principal named " + resource + " was not found in the tenant.");
        }
    }

    /** Returns true when the app proved itself with a certificate, false with a secret. */
    private boolean authenticate(Map<String, List<String>> form, Application app) {
        String secret = first(form, "client_secret");
        String assertion = first(form, "client_assertion");
        if (secret != null) {
            if (app.clientSecret() == null || !constantTimeEquals(secret, app.clientSecret())) {
                throw IdentityErrors.error(
                        401,
                        "invalid_client",
                        7000215,
                        "Invalid client secret provided. Ensure the secret being sent in the request is the client"
                                + " secret value, not the client secret ID, for a secret added to app '"
                                + app.clientId() + "'.");
            }
            return false;
        }
        if (assertion != null) {
            if (!ClientAssertions.JWT_BEARER.equals(first(form, "client_assertion_type"))) {
                throw IdentityErrors.error(
                        400,
                        "invalid_request",
                        50027,
                        "The client_assertion_type must be " + ClientAssertions.JWT_BEARER + ".");
            }
            assertions.verify(assertion, app);
            return true;
        }
        throw IdentityErrors.error(
                401,
                "invalid_client",
                7000216,
                "'client_assertion', 'client_secret' or 'request' is required for the 'client_credentials' grant"
                        + " type.");
    }

    private static boolean constantTimeEquals(String a, String b) {
        return MessageDigest.isEqual(a.getBytes(StandardCharsets.UTF_8), b.getBytes(StandardCharsets.UTF_8));
    }

    private static String first(Map<String, List<String>> form, String name) {
        List<String> values = form.get(name);
        return values == null || values.isEmpty() || values.get(0).isEmpty() ? null : values.get(0);
    }

    private static String required(Map<String, List<String>> form, String name) {
        String value = first(form, name);
        if (value == null) {
            throw IdentityErrors.error(
                    400,
                    "invalid_request",
                    900144,
                    "The request body must contain the following parameter: '" + name + "'.");
        }
        return value;
    }

    private Response openIdConfiguration(Request request) {
        String tenantRef = request.param("tenant");
        String tenantId = state.tenant(tenantRef).map(Tenant::id).orElse(tenantRef);
        String base = request.baseUrl() + "/" + tenantId;
        ObjectNode body = Json.object();
        body.put("token_endpoint", base + "/oauth2/v2.0/token");
        body.putArray("token_endpoint_auth_methods_supported")
                .add("client_secret_post")
                .add("private_key_jwt")
                .add("client_secret_basic");
        body.put("jwks_uri", base + "/discovery/v2.0/keys");
        body.putArray("response_types_supported").add("code").add("id_token").add("token");
        body.putArray("subject_types_supported").add("pairwise");
        body.putArray("id_token_signing_alg_values_supported").add("RS256");
        body.put("issuer", "https://login.microsoftonline.com/" + tenantId + "/v2.0");
        body.put("authorization_endpoint", base + "/oauth2/v2.0/authorize");
        body.put("tenant_region_scope", "EU");
        return Response.json(200, Json.write(body));
    }

    private Response instanceDiscovery(Request request) {
        String host = request.baseUrl().replaceFirst("^https?://", "");
        ObjectNode body = Json.object();
        body.put("tenant_discovery_endpoint", request.baseUrl() + "/{tenant}/v2.0/.well-known/openid-configuration");
        body.put("api-version", "1.1");
        ObjectNode metadata = body.putArray("metadata").addObject();
        metadata.put("preferred_network", host);
        metadata.put("preferred_cache", host);
        metadata.putArray("aliases").add(host);
        return Response.json(200, Json.write(body));
    }
}
