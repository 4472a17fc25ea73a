package io.palisade.core;

import static org.assertj.core.api.Assertions.assertThat;

import io.palisade.core.tenant.Tenant;
import java.lang.reflect.Method;
import java.lang.reflect.Parameter;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.ApplicationContext;
import org.springframework.data.repository.query.Param;
import org.springframework.data.repository.support.Repositories;

/** Every repository method names the tenant, so no query can read across tenants by accident. */
@SpringBootTest
class RepositoryTenantScopeTest {

    @Autowired
    ApplicationContext context;

    @Test
    void everyRepositoryMethodTakesTheTenant() {
        Repositories repositories = new Repositories(context);
        List<String> unscoped = new ArrayList<>();
        int checked = 0;
        for (Class<?> domainType : repositories) {
            Class<?> repository = repositories
                    .getRepositoryInformationFor(domainType)
                    .orElseThrow()
                    .getRepositoryInterface();
            for (Method method : repository.getDeclaredMethods()) {
                checked++;
                if (!takesTheTenant(domainType, method)) {
                    unscoped.add(repository.getSimpleName() + "." + method.getName());
                }
            }
        }

        assertThat(checked).isGreaterThan(20);
        assertThat(unscoped).isEmpty();
    }

    private static boolean takesTheTenant(Class<?> domainType, Method method) {
        if (method.getName().equals("save")) {
            return true;
        }
        if (domainType == Tenant.class) {
            // The tenants table is the list of tenants: operators and sweeps read it whole.
            return true;
        }
        if (method.getName().contains("ByTenantId")) {
            return method.getParameterCount() > 0 && method.getParameterTypes()[0] == UUID.class;
        }
        for (Parameter parameter : method.getParameters()) {
            Param param = parameter.getAnnotation(Param.class);
            if (param != null && param.value().equals("tenantId")) {
                return true;
            }
        }
        return false;
    }
}
