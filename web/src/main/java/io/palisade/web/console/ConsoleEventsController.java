package io.palisade.web.console;

import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/** {@code /console/events}: the console pages' stream of verdict changes (see {@link ConsoleEvents}). */
@RestController
class ConsoleEventsController {

    private final ConsoleEvents events;

    ConsoleEventsController(ConsoleEvents events) {
        this.events = events;
    }

    @GetMapping(path = "/console/events", produces = MediaType.TEXT_EVENT_STREAM_VALUE)
    SseEmitter events() {
        return events.open()
                .orElseThrow(
                        () -> new ResponseStatusException(HttpStatus.SERVICE_UNAVAILABLE, "too many console streams"));
    }
}
