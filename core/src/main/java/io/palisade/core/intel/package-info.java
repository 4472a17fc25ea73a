/**
 * Threat intelligence: a tenant's indicators (sender, domain, URL, SHA-256, IP) with source, confidence and
 * expiry; import from plain lists, STIX 2.1 bundles and TAXII 2.1 collections (with optional credentials, stored
 * encrypted); the lookup detection's prefilter uses; and the re-evaluation of stored mail that carries a new
 * indicator.
 */
package io.palisade.core.intel;
