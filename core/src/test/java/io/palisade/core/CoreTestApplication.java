package io.palisade.core;

import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;

/** The application core's own tests start: core's beans on the shared test database, with a clock tests move. */
@SpringBootApplication
public class CoreTestApplication {

    @Bean
    @Primary
    MutableClock testClock() {
        return new MutableClock();
    }
}
