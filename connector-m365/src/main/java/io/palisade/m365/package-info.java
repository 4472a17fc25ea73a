/** Palisade connector-m365 module. */
package io.palisade.m365;
