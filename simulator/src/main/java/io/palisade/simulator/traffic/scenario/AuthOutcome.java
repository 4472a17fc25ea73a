package io.palisade.simulator.traffic.scenario;

/**
 * What the receiving platform concluded about the sender: the SPF, DKIM and DMARC results that go into the
 * Authentication-Results header.
 *
 * @param spf pass, fail, softfail, neutral or none
 * @param dkim pass, fail or none
 * @param dmarc pass, fail, bestguesspass or none
 * @param mailFrom the envelope sender (Return-Path), never null
 * @param dkimDomain the d= domain of the signature, or null when unsigned
 * @param senderIp the connecting IP, never null
 */
public record AuthOutcome(String spf, String dkim, String dmarc, String mailFrom, String dkimDomain, String senderIp) {

    /** Everything passes for {@code domain}: a sender on its own, well-configured infrastructure. */
    public static AuthOutcome aligned(String mailFrom, String domain, String senderIp) {
        return new AuthOutcome("pass", "pass", "pass", mailFrom, domain, senderIp);
    }

    /** The header.from domain is spoofed: SPF and DMARC fail, no signature of that domain. */
    public static AuthOutcome spoofed(String mailFrom, String senderIp, boolean soft) {
        return new AuthOutcome(soft ? "softfail" : "fail", "none", "fail", mailFrom, null, senderIp);
    }

    String mailFromDomain() {
        return mailFrom.substring(mailFrom.indexOf('@') + 1);
    }
}
