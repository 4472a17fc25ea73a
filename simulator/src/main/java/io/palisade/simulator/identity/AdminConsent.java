package io.palisade.simulator.identity;

import io.palisade.simulator.server.Request;
import io.palisade.simulator.server.Response;
import io.palisade.simulator.state.Application;
import io.palisade.simulator.state.SimState;
import io.palisade.simulator.state.Tenant;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The admin consent endpoint. There is no sign-in page: the consenting tenant is the one in the
 * path, else the one named by {@code login_hint} or {@code domain_hint} (for {@code organizations}),
 * else the only tenant there is. The app gets the roles it requires and the browser is sent back.
 */
final class AdminConsent {

    private static final Logger LOG = LoggerFactory.getLogger(AdminConsent.class);

    private final SimState state;

    AdminConsent(SimState state) {
        this.state = state;
    }

    Response handle(Request request) {
        String redirect = request.query("redirect_uri");
        String clientId = request.query("client_id");
        Optional<Application> app = state.application(clientId);
        if (redirect == null || app.isEmpty()) {
            throw IdentityErrors.error(
                    400,
                    "unauthorized_client",
                    700016,
                    "Application with identifier '" + clientId + "' was not found, or no redirect_uri was given.");
        }
        String tenantRef = request.param("tenant");
        if (tenantRef.equalsIgnoreCase("common")) {
            return back(
                    redirect,
                    "error=invalid_request&error_description="
                            + encode("AADSTS50194: the common endpoint cannot be used for admin consent.")
                            + state(request));
        }
        Optional<Tenant> tenant = consentingTenant(request, tenantRef);
        if (tenant.isEmpty()) {
            return back(
                    redirect,
                    "error=access_denied&error_description=" + encode("AADSTS90002: tenant not found.")
                            + state(request));
        }
        tenant.get().grant(app.get().clientId(), app.get().requiredRoles());
        LOG.info(
                "event=admin_consent tenant={} app={}",
                tenant.get().id(),
                app.get().clientId());
        String scope = request.query("scope") == null ? "https://graph.microsoft.com/.default" : request.query("scope");
        return back(
                redirect,
                "admin_consent=True&tenant=" + tenant.get().id() + "&scope=" + encode(scope) + state(request));
    }

    private Optional<Tenant> consentingTenant(Request request, String tenantRef) {
        String ref = tenantRef.toLowerCase(Locale.ROOT);
        if (!ref.equals("organizations")) {
            return state.tenant(tenantRef);
        }
        String hint = request.query("login_hint") != null ? request.query("login_hint") : request.query("domain_hint");
        if (hint != null) {
            return state.tenant(hint.substring(hint.indexOf('@') + 1));
        }
        List<Tenant> all = state.tenants();
        return all.size() == 1 ? Optional.of(all.get(0)) : Optional.empty();
    }

    private static String state(Request request) {
        String value = request.query("state");
        return value == null ? "" : "&state=" + encode(value);
    }

    private static Response back(String redirect, String query) {
        return Response.redirect(redirect + (redirect.contains("?") ? "&" : "?") + query);
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
