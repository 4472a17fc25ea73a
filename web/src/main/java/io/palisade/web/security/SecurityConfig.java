package io.palisade.web.security;

import java.nio.file.Path;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.provisioning.InMemoryUserDetailsManager;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.header.writers.ReferrerPolicyHeaderWriter.ReferrerPolicy;

/**
 * Who may call what. Webhooks authenticate each request by the platform's own means (clientState, validation
 * tokens, the push JWT) and are, with health and the recipients' banner pages, the only routes open without a
 * login. Everything else needs the bootstrap administrator until the console brings its own accounts.
 */
@Configuration
public class SecurityConfig {

    static final String[] OPEN_ROUTES = {"/webhooks/**", "/actuator/health", "/actuator/health/**", "/error"};

    /** The recipients' banner pages: exactly these routes, public; anything else under {@code /b/} is refused. */
    static final String[] BANNER_PAGE_ROUTES = {
        "/b/{token}", "/b/{token}/events", "/b/{token}/report", "/b/{token}/trust", "/b/assets/*"
    };

    // Scripts and styles come from the page's own origin only; nothing may frame it, and the token in its address
    // never leaks through a Referer header.
    private static final String BANNER_PAGE_CSP = "default-src 'none'; script-src 'self'; style-src 'self';"
            + " connect-src 'self'; img-src 'self'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'";

    /**
     * The banner pages' own chain, ahead of the main one: no login of any kind (the signed token in the path is
     * the credential), CSRF tokens on the two buttons' POSTs, a strict content security policy.
     */
    @Bean
    @Order(1)
    SecurityFilterChain bannerPageChain(HttpSecurity http) throws Exception {
        http.securityMatcher("/b/**")
                .authorizeHttpRequests(auth -> auth.requestMatchers(BANNER_PAGE_ROUTES)
                        .permitAll()
                        .anyRequest()
                        .denyAll())
                .headers(headers -> headers.contentSecurityPolicy(csp -> csp.policyDirectives(BANNER_PAGE_CSP))
                        .referrerPolicy(referrer -> referrer.policy(ReferrerPolicy.NO_REFERRER)));
        return http.build();
    }

    @Bean
    SecurityFilterChain securityFilterChain(HttpSecurity http) throws Exception {
        http.authorizeHttpRequests(auth -> auth.requestMatchers(OPEN_ROUTES)
                        .permitAll()
                        .anyRequest()
                        .hasRole("ADMIN"))
                .httpBasic(Customizer.withDefaults())
                .formLogin(Customizer.withDefaults())
                // The API is called with credentials on each request, and webhooks by the platforms: neither
                // carries a browser session that a forged cross-site request could ride on.
                .csrf(csrf -> csrf.ignoringRequestMatchers("/webhooks/**", "/api/**"));
        return http.build();
    }

    @Bean
    PasswordEncoder passwordEncoder() {
        return PasswordEncoderFactories.createDelegatingPasswordEncoder();
    }

    @Bean
    UserDetailsService bootstrapAdmin(
            @Value("${palisade.admin.username}") String username,
            @Value("${palisade.admin.password:}") String configuredPassword,
            @Value("${palisade.admin.password-file}") Path passwordFile,
            PasswordEncoder encoder) {
        String password = AdminCredential.resolvePassword(configuredPassword, passwordFile);
        return new InMemoryUserDetailsManager(User.withUsername(username)
                .password(encoder.encode(password))
                .roles("ADMIN")
                .build());
    }
}
