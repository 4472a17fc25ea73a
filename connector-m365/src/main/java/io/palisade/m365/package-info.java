/**
 * Microsoft 365 through Microsoft Graph: admin consent, subscriptions, change notifications, delta catch-up,
 * Teams files, remediation and banner write-back. Talks to Graph only through the Microsoft Graph SDK.
 */
package io.palisade.m365;
