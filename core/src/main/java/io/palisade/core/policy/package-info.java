/**
 * Tenant policies: how far Palisade acts on its own (monitor, banner only, remediate), the actions per risk level,
 * exclusions and overrides for groups of mailboxes. Policies are versioned; the highest version is in force.
 */
package io.palisade.core.policy;
