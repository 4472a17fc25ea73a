package io.palisade.web.webhook;

import io.palisade.m365.notify.IntakeResult;
import io.palisade.m365.notify.MalformedNotificationException;
import io.palisade.m365.notify.NotificationIntake;
import io.palisade.m365.notify.ValidationKeysUnavailableException;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Graph's change and lifecycle notification endpoints. Answers the validation handshake with the token as plain
 * text; stores notifications durably and answers 202 within Graph's 3 seconds; answers 5xx only when nothing could
 * be stored, so that Graph retries.
 */
@RestController
@RequestMapping("/webhooks/m365")
public class M365WebhookController {

    private static final Logger LOG = LoggerFactory.getLogger(M365WebhookController.class);
    private static final int MAX_VALIDATION_TOKEN = 4096;

    private final NotificationIntake intake;

    public M365WebhookController(NotificationIntake intake) {
        this.intake = intake;
    }

    @PostMapping
    public ResponseEntity<String> changes(
            @RequestParam(name = "validationToken", required = false) String validationToken,
            @RequestBody(required = false) String body) {
        return validationToken != null ? validate(validationToken) : store(body, intake::acceptChanges);
    }

    @PostMapping("/lifecycle")
    public ResponseEntity<String> lifecycle(
            @RequestParam(name = "validationToken", required = false) String validationToken,
            @RequestBody(required = false) String body) {
        return validationToken != null ? validate(validationToken) : store(body, intake::acceptLifecycle);
    }

    private static ResponseEntity<String> validate(String token) {
        if (token.length() > MAX_VALIDATION_TOKEN) {
            return ResponseEntity.badRequest().build();
        }
        // The request parameter is already URL-decoded, as Graph requires; plain text with nosniff keeps a hostile
        // token from being interpreted by a browser.
        LOG.info("event=m365_validation_answered");
        return ResponseEntity.ok()
                .contentType(MediaType.TEXT_PLAIN)
                .header("X-Content-Type-Options", "nosniff")
                .body(token);
    }

    private static ResponseEntity<String> store(String body, Function<String, IntakeResult> accept) {
        if (body == null || body.isBlank()) {
            return ResponseEntity.badRequest().build();
        }
        try {
            accept.apply(body);
            return ResponseEntity.status(HttpStatus.ACCEPTED).build();
        } catch (MalformedNotificationException e) {
            LOG.warn("event=m365_notification_malformed error={}", e.getMessage());
            return ResponseEntity.badRequest().build();
        } catch (ValidationKeysUnavailableException e) {
            // The batch's validation tokens cannot be checked yet: nothing is stored, and Graph delivers it again.
            LOG.error("event=m365_notification_not_stored reason=validation_keys_unavailable error={}", e.getMessage());
            return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE)
                    .header(HttpHeaders.RETRY_AFTER, "30")
                    .build();
        } catch (DataAccessException e) {
            // The driver's message spans lines and quotes the SQL: its first line is the database's reason.
            LOG.error(
                    "event=m365_notification_not_stored error={} cause={}",
                    e.getClass().getSimpleName(),
                    String.valueOf(e.getMostSpecificCause().getMessage())
                            .lines()
                            .findFirst()
                            .orElse(""));
            return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE)
                    .header(HttpHeaders.RETRY_AFTER, "5")
                    .build();
        }
    }
}
