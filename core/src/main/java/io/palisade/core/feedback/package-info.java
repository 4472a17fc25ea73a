/** What recipients tell Palisade about their mail from the banner's live page: reports and trusted senders. */
package io.palisade.core.feedback;
