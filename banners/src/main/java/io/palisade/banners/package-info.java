/** Palisade banners module. */
package io.palisade.banners;
