/** Tenants, their provider connections (secrets stored encrypted) and the services that manage them. */
package io.palisade.core.tenant;
