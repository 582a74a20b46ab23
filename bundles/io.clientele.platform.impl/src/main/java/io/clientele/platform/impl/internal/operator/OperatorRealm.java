package io.clientele.platform.impl.internal.operator;

import java.util.HashMap;
import java.util.Map;
import javax.security.auth.login.AppConfigurationEntry;
import org.apache.karaf.jaas.boot.ProxyLoginModule;
import org.apache.karaf.jaas.config.JaasRealm;
import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * Replaces Karaf's default {@code karaf} realm (higher rank): SSH, the web console and the operator REST
 * endpoints all authenticate the operator against {@link OperatorAccounts}. Karaf's {@code karaf/karaf}
 * user is not shipped (etc/users.properties is empty).
 */
@Component(service = JaasRealm.class)
public class OperatorRealm implements JaasRealm {

    private final AppConfigurationEntry[] entries;

    @Activate
    public OperatorRealm(BundleContext context, @Reference OperatorAccounts accounts) {
        Map<String, Object> options = new HashMap<>();
        options.put(ProxyLoginModule.PROPERTY_MODULE, OperatorLoginModule.class.getName());
        options.put(ProxyLoginModule.PROPERTY_BUNDLE, Long.toString(context.getBundle().getBundleId()));
        entries = new AppConfigurationEntry[] {new AppConfigurationEntry(ProxyLoginModule.class.getName(),
                AppConfigurationEntry.LoginModuleControlFlag.REQUIRED, options)};
    }

    @Override
    public String getName() {
        return "karaf";
    }

    @Override
    public int getRank() {
        return 100;
    }

    @Override
    public AppConfigurationEntry[] getEntries() {
        return entries.clone();
    }
}
