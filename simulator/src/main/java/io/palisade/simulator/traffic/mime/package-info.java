/**
 * A small, deterministic MIME writer: RFC 5322 headers with RFC 2047 encoded words, RFC 2045 quoted-printable and
 * base64 bodies, RFC 2046 multiparts. It writes what the traffic generator needs and nothing else; its output is
 * checked by a strict parser in the tests.
 */
package io.palisade.simulator.traffic.mime;
