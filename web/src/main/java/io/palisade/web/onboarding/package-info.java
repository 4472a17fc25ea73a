/** Onboarding endpoints of the REST API: the Microsoft admin-consent link and its callback. */
package io.palisade.web.onboarding;
