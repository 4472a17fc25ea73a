package io.palisade.web.api;

import io.palisade.core.policy.PolicyDocument;
import io.palisade.core.policy.PolicyService;
import io.palisade.core.policy.TenantPolicy;
import java.security.Principal;
import java.util.List;
import java.util.UUID;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * A tenant's policy: the version in force, its history, and edits. An edit names the version it started from
 * ({@code expectedVersion}); if another edit came first the answer is 409 and nothing changes.
 */
@RestController
@RequestMapping("/api/v1/policies")
public class PolicyApiController {

    private final PolicyService policies;
    private final MessageLocator locator;

    public PolicyApiController(PolicyService policies, MessageLocator locator) {
        this.policies = policies;
        this.locator = locator;
    }

    /** The policy in force (version 0 is the built-in default). */
    @GetMapping
    public TenantPolicy current(@RequestParam UUID tenantId) {
        return policies.current(locator.requireTenant(tenantId));
    }

    /** Every saved version, newest first. */
    @GetMapping("/history")
    public List<TenantPolicy> history(@RequestParam UUID tenantId) {
        return policies.history(locator.requireTenant(tenantId));
    }

    /** Saves a new version; 400 lists what is invalid, 409 when {@code expectedVersion} is stale. */
    @PutMapping
    public TenantPolicy save(
            @RequestParam UUID tenantId,
            @RequestParam(required = false) Integer expectedVersion,
            @RequestBody PolicyDocument document,
            Principal admin) {
        return policies.save(locator.requireTenant(tenantId), document, expectedVersion, admin.getName());
    }
}
