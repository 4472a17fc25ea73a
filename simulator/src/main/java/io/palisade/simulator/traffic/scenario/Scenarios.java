package io.palisade.simulator.traffic.scenario;

import io.palisade.simulator.traffic.Payload;
import io.palisade.simulator.traffic.TrafficKind;
import java.util.EnumMap;
import java.util.Map;

/** Renders a planned delivery with the scenario of its kind. */
public final class Scenarios {

    private static final Map<TrafficKind, MailScenario> MAIL = new EnumMap<>(TrafficKind.class);
    private static final Map<TrafficKind, ChatScenario> CHAT = new EnumMap<>(TrafficKind.class);

    static {
        MAIL.put(TrafficKind.INTERNAL_THREAD, new InternalThread());
        MAIL.put(TrafficKind.NEWSLETTER, new Newsletter());
        MAIL.put(TrafficKind.INVOICE, new Invoice());
        MAIL.put(TrafficKind.CALENDAR_INVITATION, new CalendarInvitation());
        MAIL.put(TrafficKind.SAAS_NOTIFICATION, new SaasNotification());
        MAIL.put(TrafficKind.PASSWORD_RESET, new PasswordReset());
        MAIL.put(TrafficKind.CREDENTIAL_PHISHING, new CredentialPhishing());
        MAIL.put(TrafficKind.EXECUTIVE_IMPERSONATION, new ExecutiveImpersonation());
        MAIL.put(TrafficKind.PAYMENT_CHANGE_FRAUD, new PaymentChangeFraud());
        MAIL.put(TrafficKind.QR_CODE_PHISHING, new QrCodePhishing());
        MAIL.put(TrafficKind.HTML_SMUGGLING, new HtmlSmuggling());
        MAIL.put(TrafficKind.MACRO_DOCUMENT, new MacroDocument());
        MAIL.put(TrafficKind.TRACKING_PIXEL, new TrackingPixel());
        MAIL.put(TrafficKind.CALLBACK_SCAM, new CallbackScam());
        CHAT.put(TrafficKind.TEAMS_FILE_SHARE, new TeamsFiles.Shared());
        CHAT.put(TrafficKind.TEAMS_MALICIOUS_FILE, new TeamsFiles.Malicious());
    }

    private Scenarios() {}

    /**
     * Writes the delivery the context plans: a mail message for mail kinds, a chat post for Teams kinds.
     *
     * @param mimeDice dice used only for MIME details (boundaries, Message-ID, Received), never null
     */
    public static Payload render(ScenarioContext context, Dice mimeDice) {
        TrafficKind kind = context.plan().kind();
        return switch (kind.channel()) {
            case MAIL ->
                MessageRenderer.render(
                        MAIL.get(kind).write(context), context.directory().platform(), context.at(), mimeDice);
            case TEAMS -> CHAT.get(kind).write(context);
        };
    }
}
