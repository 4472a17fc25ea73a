package io.palisade.web;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/** The Palisade service: webhooks, REST API, admin console and banner pages. */
@SpringBootApplication(scanBasePackages = "io.palisade")
public class PalisadeApplication {

    public static void main(String[] args) {
        SpringApplication.run(PalisadeApplication.class, args);
    }
}
