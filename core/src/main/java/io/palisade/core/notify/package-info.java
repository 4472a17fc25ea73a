/**
 * Admin notifications, the policy's {@code NOTIFY_ADMINS}: one notification per message or campaign and level change
 * (not one per copy), kept in {@code admin_notifications} for the REST API and the console, and posted to the
 * tenant's webhook (stored encrypted) through the work queue, with retries and a dead letter.
 */
package io.palisade.core.notify;
