package io.palisade.simulator.traffic;

/** The mail platform that receives the tenant's mail; it decides how the Authentication-Results header reads. */
public enum ReceivingPlatform {
    /** Exchange Online: {@code spf=...; dkim=...; dmarc=...; compauth=...}. */
    MICROSOFT_365,
    /** Gmail: {@code mx.google.com; dkim=...; spf=...; dmarc=...}. */
    GOOGLE_WORKSPACE
}
