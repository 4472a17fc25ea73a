/**
 * Injecting banners into raw MIME: {@link io.palisade.banners.inject.BannerInjector} puts a rendered banner at the
 * top of the HTML and plain-text bodies, replaces Palisade's previous banner, disarms tracking pixels, and keeps
 * everything else (headers, attachments, inline images, charsets) as it was. Signed or encrypted mail, huge mail
 * and mail that cannot be parsed come back untouched with the reason.
 */
package io.palisade.banners.inject;
