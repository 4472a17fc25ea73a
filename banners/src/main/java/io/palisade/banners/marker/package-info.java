/**
 * The signed marker every banner carries: an HMAC-SHA256 under the tenant's key over the marker version, tenant,
 * message key and level. {@code docs/banners.md} describes the exact format, so that detection can verify it
 * without depending on this module.
 */
package io.palisade.banners.marker;
