/** Re-rendering every copy's banner in the mailboxes when a message's verdict changes level. */
package io.palisade.banners.refresh;
