package io.clientele.portal.impl.internal;

import io.clientele.platform.jpa.TenantOwned;
import java.time.Instant;
import javax.persistence.Column;
import javax.persistence.Entity;
import javax.persistence.Table;

/** An agency's portal settings ({@code portal_settings}, one row per agency at most, written on the first save). */
@Entity(name = "PortalSettings")
@Table(name = "portal_settings")
public class SettingsRecord extends TenantOwned {

    /** The enabled tabs' labels, comma-separated, in {@code PortalTab} order. */
    @Column(name = "enabled_tabs", length = 200, nullable = false)
    private String enabledTabs;

    @Column(name = "logins_enabled", nullable = false)
    private boolean loginsEnabled;

    @Column(name = "invitation_html", length = 20000)
    private String invitationHtml;

    @Column(name = "auto_charge_html", length = 20000)
    private String autoChargeHtml;

    @Column(name = "logo_url", length = 500)
    private String logoUrl;

    @Column(name = "updated_at", nullable = false)
    private Instant updatedAt;

    protected SettingsRecord() {
    }

    SettingsRecord(String id) {
        super(id);
    }

    void change(String enabledTabs, boolean loginsEnabled, String invitationHtml, String autoChargeHtml, String logoUrl, Instant now) {
        this.enabledTabs = enabledTabs;
        this.loginsEnabled = loginsEnabled;
        this.invitationHtml = invitationHtml;
        this.autoChargeHtml = autoChargeHtml;
        this.logoUrl = logoUrl;
        this.updatedAt = now;
    }

    String enabledTabs() {
        return enabledTabs;
    }

    boolean loginsEnabled() {
        return loginsEnabled;
    }

    String invitationHtml() {
        return invitationHtml;
    }

    String autoChargeHtml() {
        return autoChargeHtml;
    }

    String logoUrl() {
        return logoUrl;
    }
}
