package io.clientele.webhook.internal;

import io.clientele.platform.api.module.ModuleDescriptor;
import org.osgi.service.component.annotations.Component;

/**
 * The module "webhook": while it is installed, operators enable it per agency like any module, and only agencies that
 * have it see the provider ({@link WebhookProvider#module()}). It owns no tables.
 */
@Component(service = {ModuleDescriptor.class, WebhookModule.class})
public class WebhookModule implements ModuleDescriptor {

    public static final String ID = "webhook";

    @Override
    public String id() {
        return ID;
    }

    @Override
    public String name() {
        return "Webhooks";
    }

    @Override
    public String version() {
        return "1.0.0";
    }
}
