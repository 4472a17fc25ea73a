/** Palisade core module. */
package io.palisade.core;
