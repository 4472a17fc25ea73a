/** The append-only audit log. */
package io.palisade.core.audit;
