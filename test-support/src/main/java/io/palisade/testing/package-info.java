/** Palisade test-support module. */
package io.palisade.testing;
