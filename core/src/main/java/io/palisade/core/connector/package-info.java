/** The contract core calls on a mail platform, implemented by the connector modules. */
package io.palisade.core.connector;
