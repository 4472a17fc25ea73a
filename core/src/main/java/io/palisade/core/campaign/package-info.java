/**
 * Campaigns: the copies of one message across mailboxes and the messages similar to it (same sending domain and
 * near-duplicate text by SimHash, shared URLs or file hashes), so that one analyst action covers them all. Similar
 * mail that arrives later joins the campaign and gets its latest decision ({@link CampaignArrivals}).
 */
package io.palisade.core.campaign;
