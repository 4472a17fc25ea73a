/**
 * Palisade banners: warning banners rendered from a verdict ({@link io.palisade.banners.render}), signed so that
 * Palisade can recognise its own ({@link io.palisade.banners.marker}), and injected into raw MIME
 * ({@link io.palisade.banners.inject}). Everything here is pure: MIME in, MIME out, no I/O and no Spring.
 */
package io.palisade.banners;
