/** What the scanner knows about a tenant, backed by the database. */
package io.palisade.core.scan;
