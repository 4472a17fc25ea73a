package io.palisade.detection.analysis.auth;

import io.palisade.detection.analysis.Analyzer;
import io.palisade.detection.analysis.Findings;
import io.palisade.detection.analysis.auth.AuthenticationResults.MethodResult;
import io.palisade.detection.analysis.sender.FreemailDomains;
import io.palisade.detection.analysis.url.Urls;
import io.palisade.detection.api.ScanContext;
import io.palisade.detection.model.Address;
import io.palisade.detection.model.ParsedMessage;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Layer 2: the SPF, DKIM, DMARC, ARC and Microsoft composite-authentication results that the receiving platform
 * recorded (headers from untrusted authserv-ids are ignored), and replies or bounces that go to another domain
 * than the visible sender's.
 */
public final class AuthenticationAnalyzer implements Analyzer {
    public static final String SPF_FAIL = "SPF_FAIL";
    public static final String SPF_SOFTFAIL = "SPF_SOFTFAIL";
    public static final String DKIM_FAIL = "DKIM_FAIL";
    public static final String DMARC_FAIL = "DMARC_FAIL";
    public static final String DMARC_FAIL_FORWARDED = "DMARC_FAIL_FORWARDED";
    public static final String ARC_FAIL = "ARC_FAIL";
    public static final String COMPAUTH_FAIL = "COMPAUTH_FAIL";
    public static final String UNAUTHENTICATED_SENDER = "UNAUTHENTICATED_SENDER";
    public static final String REPLY_TO_MISMATCH = "REPLY_TO_MISMATCH";
    public static final String REPLY_TO_FREEMAIL = "REPLY_TO_FREEMAIL";
    public static final String RETURN_PATH_MISMATCH = "RETURN_PATH_MISMATCH";

    private static final Set<String> FAILING = Set.of("fail", "permerror");

    @Override
    public String name() {
        return "auth";
    }

    @Override
    public void analyze(ParsedMessage message, ScanContext context, Findings findings) {
        List<AuthenticationResults> trusted = AuthenticationResults.trusted(message, context.trustedAuthservIds());
        String fromDomain = message.from().domain();
        boolean dmarcPass = false;
        if (!trusted.isEmpty()) {
            AuthenticationResults top = trusted.getFirst();
            dmarcPass = is(top, "dmarc", "pass");
            checkResults(top, fromDomain, findings);
        }
        checkReplyTo(message, context, findings);
        checkReturnPath(message, dmarcPass, findings);
    }

    /** Whether the topmost trusted header says DMARC passed for the From domain. */
    public static boolean dmarcPassed(ParsedMessage message, ScanContext context) {
        List<AuthenticationResults> trusted = AuthenticationResults.trusted(message, context.trustedAuthservIds());
        return !trusted.isEmpty() && is(trusted.getFirst(), "dmarc", "pass");
    }

    private static void checkResults(AuthenticationResults results, String fromDomain, Findings findings) {
        int before = findings.all().size();
        if (is(results, "spf", "fail")) {
            findings.add(SPF_FAIL, fromDomain);
        } else if (is(results, "spf", "softfail")) {
            findings.add(SPF_SOFTFAIL, fromDomain);
        }
        if (!is(results, "dkim", "pass") && anyFailing(results.resultsFor("dkim"))) {
            findings.add(DKIM_FAIL, fromDomain);
        }
        if (anyFailing(results.resultsFor("dmarc"))) {
            findings.add(is(results, "arc", "pass") ? DMARC_FAIL_FORWARDED : DMARC_FAIL, fromDomain);
        }
        if (anyFailing(results.resultsFor("arc"))) {
            findings.add(ARC_FAIL, fromDomain);
        }
        if (anyFailing(results.resultsFor("compauth"))) {
            findings.add(COMPAUTH_FAIL, fromDomain);
        }
        boolean failureReported = findings.all().size() > before;
        boolean anyPass = is(results, "spf", "pass") || is(results, "dkim", "pass") || is(results, "dmarc", "pass");
        boolean anyVerdict = !results.resultsFor("spf").isEmpty()
                || !results.resultsFor("dkim").isEmpty();
        if (!anyPass && anyVerdict && !failureReported) {
            findings.add(UNAUTHENTICATED_SENDER, fromDomain);
        }
    }

    private static void checkReplyTo(ParsedMessage message, ScanContext context, Findings findings) {
        String fromSite = Urls.siteOf(message.from().domain());
        for (Address replyTo : message.replyTo()) {
            String domain = replyTo.domain();
            String site = Urls.siteOf(domain);
            if (domain.isEmpty()
                    || site.equals(fromSite)
                    || context.ownDomains().contains(domain)) {
                continue;
            }
            if (FreemailDomains.contains(domain)) {
                findings.add(REPLY_TO_FREEMAIL, domain);
            } else {
                findings.add(REPLY_TO_MISMATCH, domain);
            }
            return;
        }
    }

    private static void checkReturnPath(ParsedMessage message, boolean dmarcPass, Findings findings) {
        String returnPath = message.returnPath();
        int at = returnPath.lastIndexOf('@');
        if (dmarcPass || at < 0 || message.from().domain().isEmpty()) {
            return;
        }
        String domain = returnPath.substring(at + 1).toLowerCase(Locale.ROOT);
        if (!Urls.siteOf(domain).equals(Urls.siteOf(message.from().domain()))) {
            findings.add(RETURN_PATH_MISMATCH, domain);
        }
    }

    private static boolean is(AuthenticationResults results, String method, String result) {
        return results.resultsFor(method).stream().anyMatch(r -> r.result().equals(result));
    }

    private static boolean anyFailing(List<MethodResult> results) {
        return results.stream().anyMatch(r -> FAILING.contains(r.result()));
    }
}
