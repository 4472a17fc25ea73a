/**
 * The signed marker every banner carries: an HMAC-SHA256 under the tenant's key over the format version, tenant
 * and message key. {@code docs/banners.md} describes the exact format, so that detection can verify it
 * without depending on this module.
 */
package io.palisade.banners.marker;
