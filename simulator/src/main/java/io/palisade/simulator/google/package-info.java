/**
 * The Google half of the simulator: the OAuth token endpoint for service accounts with domain-wide delegation, the
 * Gmail API ({@code /gmail/v1}, {@code /upload/gmail/v1}, HTTP batch), Gmail's Pub/Sub push with OIDC tokens, and the
 * per-user quota. {@link io.palisade.simulator.google.GoogleRoutes} registers the endpoints;
 * {@link io.palisade.simulator.google.GoogleState} holds domains, mailboxes and tokens.
 */
package io.palisade.simulator.google;
