/** Reading raw mail (RFC 5322 and MIME) into the properties the simulated APIs expose. */
package io.palisade.simulator.mail;
