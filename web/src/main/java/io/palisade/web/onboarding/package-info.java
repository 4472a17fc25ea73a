/**
 * Onboarding endpoints of the REST API: the Microsoft admin-consent link and its callback, each tenant's mailbox
 * selection, and the bridge that stores each mailbox owner's language for the banners.
 */
package io.palisade.web.onboarding;
