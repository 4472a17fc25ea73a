/** Palisade connector-gws module. */
package io.palisade.gws;
