/**
 * Microsoft identity platform: the token endpoint (client secret and certificate assertion),
 * admin consent, signing keys and discovery documents, and checking the tokens Graph receives.
 */
package io.palisade.simulator.identity;
