/** Actions on mail items (banner, quarantine, release, delete, notify) with their attempts and outcomes. */
package io.palisade.core.action;
