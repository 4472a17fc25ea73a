package io.palisade.web.demo;

import org.springframework.context.annotation.Condition;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.core.type.AnnotatedTypeMetadata;

/** True when the demo mode is on and no Microsoft 365 app is configured: the same test as DemoConfiguration's. */
class DemoModeCondition implements Condition {

    @Override
    public boolean matches(ConditionContext context, AnnotatedTypeMetadata metadata) {
        var environment = context.getEnvironment();
        boolean enabled = environment.getProperty("palisade.demo.enabled", Boolean.class, false);
        String clientId = environment.getProperty("palisade.m365.client-id", "");
        return enabled && clientId.isBlank();
    }
}
