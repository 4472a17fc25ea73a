/** The workers that take items from the durable work queue and hand them to the handler of their kind. */
package io.palisade.core.work;
