/**
 * The banner's live page: signed, expiring links scoped to one tenant and one message, and the state the page
 * shows. The HTTP side (page, server-sent events, buttons) lives in {@code web}.
 */
package io.palisade.banners.live;
