/** Operators' view of the durable work queue: counts, dead letters and their retry. */
package io.palisade.web.ops;
