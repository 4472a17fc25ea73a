/**
 * Rendering a banner from a verdict: {@link io.palisade.banners.render.BannerRenderer} turns a
 * {@link io.palisade.banners.render.BannerModel} into HTML (inline styles, table layout, WCAG AA colours, a text
 * label and a note role for screen readers) and plain text, in the recipient's language.
 */
package io.palisade.banners.render;
