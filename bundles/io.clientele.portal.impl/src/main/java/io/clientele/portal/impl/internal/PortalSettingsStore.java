package io.clientele.portal.impl.internal;

import io.clientele.contact.api.PortalPolicy;
import io.clientele.platform.api.Principal;
import io.clientele.platform.api.RequestContext;
import io.clientele.platform.api.Role;
import io.clientele.platform.api.db.Database;
import io.clientele.platform.api.db.Jdbc;
import io.clientele.platform.api.history.HistoryService;
import io.clientele.platform.api.mail.MailTemplate;
import io.clientele.platform.api.mail.MailTemplates;
import io.clientele.platform.api.mail.Outbox;
import io.clientele.platform.api.mail.OutgoingMail;
import io.clientele.platform.api.module.ModuleRegistry;
import io.clientele.platform.api.rest.ETags;
import io.clientele.platform.api.rest.FieldErrors;
import io.clientele.platform.api.rest.ProblemException;
import io.clientele.platform.api.tenancy.Agency;
import io.clientele.platform.api.tenancy.AgencyDirectory;
import io.clientele.platform.jpa.EntityWork;
import io.clientele.portal.api.PortalSettings;
import io.clientele.portal.api.PortalSettingsService;
import io.clientele.portal.api.PortalTab;
import java.net.URI;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import javax.persistence.EntityManagerFactory;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.metatype.annotations.Designate;

/**
 * The agency's portal settings ({@code portal_settings}) and what follows from them: the tabs a contact may open, the
 * master switch of portal logins and the agency's own invitation text, which the core's portal access reads through
 * {@link PortalPolicy} (this component publishes it). For an agency that does not subscribe to the module the policy
 * answers the core's defaults.
 */
@Component(service = {PortalSettingsStore.class, PortalSettingsService.class, PortalPolicy.class}, configurationPid = "io.clientele.portal")
@Designate(ocd = PortalConfig.class)
public class PortalSettingsStore implements PortalSettingsService, PortalPolicy {

    static final String IJOB = "ijob";
    /** The settings FINANCE may change (payments): the auto-charge e-mail and the Payments tab. */
    static final Set<String> PAYMENT_FIELDS = Set.of("autoChargeEmailHtml", "enabledTabs:Payments");

    private final Database database;
    private final EntityWork work;
    private final ModuleRegistry modules;
    private final HistoryService history;
    private final AgencyDirectory agencies;
    private final Outbox outbox;
    private final MailTemplates mail;
    private final MailTemplate sampleMail;
    private volatile PortalConfig config;

    @Activate
    public PortalSettingsStore(@Reference Database database, @Reference(target = "(osgi.unit.name=portal)") EntityManagerFactory unit,
                               @Reference PortalModule module, @Reference ModuleRegistry modules, @Reference HistoryService history,
                               @Reference AgencyDirectory agencies, @Reference Outbox outbox, @Reference MailTemplates mail,
                               PortalConfig config) {
        this.database = database;
        this.work = new EntityWork(database, unit);
        this.modules = modules;
        this.history = history;
        this.agencies = agencies;
        this.outbox = outbox;
        this.mail = mail;
        this.sampleMail = mail.load(PortalSettingsStore.class, "portal-invitation-sample");
        this.config = config;
    }

    @Modified
    void modified(PortalConfig changed) {
        this.config = changed;
    }

    /** A PUT's body: every setting (absent HTML or logo: none). */
    public record SettingsInput(List<String> enabledTabs, Boolean portalLoginsEnabled, String invitationEmailHtml,
                                String autoChargeEmailHtml, String logoUrl) {
    }

    // ---- reading

    /**
     * The defaults of an agency that never saved its settings: every tab on (Jobs while it has ijob), logins on, the
     * platform's e-mails.
     */
    static PortalSettings defaults(boolean withJobs) {
        return new PortalSettings(Arrays.stream(PortalTab.values()).filter(t -> withJobs || t != PortalTab.JOBS).map(PortalTab::label)
                .toList(), true, null, null, null, 0);
    }

    private PortalSettings defaults() {
        return defaults(enabledForAgency(IJOB));
    }

    @Override
    public PortalSettings settings() {
        return work.inTransaction(em -> row().map(PortalSettingsStore::view).orElseGet(this::defaults));
    }

    /** The row, without {@code setMaxResults} (one per agency at most; see the budget module's settings). */
    private Optional<SettingsRecord> row() {
        return work.inTransaction(em -> em.createQuery("SELECT s FROM PortalSettings s", SettingsRecord.class).getResultList()
                .stream().findFirst());
    }

    static PortalSettings view(SettingsRecord r) {
        return new PortalSettings(tabs(r.enabledTabs()).stream().map(PortalTab::label).toList(), r.loginsEnabled(), r.invitationHtml(),
                r.autoChargeHtml(), r.logoUrl(), r.version() + 1);
    }

    static Set<PortalTab> tabs(String stored) {
        Set<PortalTab> tabs = EnumSet.noneOf(PortalTab.class);
        if (stored != null) {
            for (String label : stored.split(",")) {
                PortalTab.ofLabel(label.trim()).ifPresent(tabs::add);
            }
        }
        return tabs;
    }

    @Override
    public Set<PortalTab> openTabs() {
        Set<PortalTab> tabs = EnumSet.noneOf(PortalTab.class);
        settings().enabledTabs().forEach(label -> PortalTab.ofLabel(label).ifPresent(tabs::add));
        if (!enabledForAgency(IJOB)) {
            tabs.remove(PortalTab.JOBS);
        }
        return tabs;
    }

    /** Whether the current agency subscribes to the module (the platform's module registry, never another module's tables). */
    boolean enabledForAgency(String moduleId) {
        return modules.statusFor(RequestContext.agencyId()).stream().anyMatch(s -> s.id().equals(moduleId) && s.enabled());
    }

    // ---- PortalPolicy (the core's portal access asks)

    @Override
    public boolean loginsEnabled() {
        return !enabledForAgency(PortalModule.ID) || settings().portalLoginsEnabled();
    }

    @Override
    public Optional<Text> invitation(Map<String, String> values) {
        if (!enabledForAgency(PortalModule.ID)) {
            return Optional.empty();
        }
        String html = settings().invitationEmailHtml();
        return html == null ? Optional.empty() : Optional.of(invitationText(html, values));
    }

    /** The invitation with its values put in; without an {@code {{activationLink}}} in the text, the link follows it. */
    static Text invitationText(String cleanHtml, Map<String, String> values) {
        String filled = EmailHtml.fill(cleanHtml, values);
        String link = values.get(ACTIVATION_LINK);
        if (link != null && !EmailHtml.uses(cleanHtml, ACTIVATION_LINK)) {
            filled += "\n<p><a href=\"" + EmailHtml.escape(link) + "\">" + EmailHtml.escape(link) + "</a></p>";
        }
        return new Text(filled, EmailHtml.text(filled));
    }

    @Override
    public boolean tabEnabled(String tab) {
        if (!enabledForAgency(PortalModule.ID)) {
            return true;
        }
        return PortalTab.ofLabel(tab).map(t -> openTabs().contains(t)).orElse(true);
    }

    // ---- writing

    /**
     * Replaces the settings. ADMIN changes anything; FINANCE only the payment settings ({@link #PAYMENT_FIELDS}): a body
     * changing anything else is 403 naming those fields (sending them unchanged is not refused).
     */
    public PortalSettings replace(SettingsInput input, String ifMatch) {
        if (input == null) {
            throw ProblemException.malformed("The request needs a JSON body.", null);
        }
        FieldErrors errors = new FieldErrors();
        Set<PortalTab> tabs = EnumSet.noneOf(PortalTab.class);
        if (input.enabledTabs() == null) {
            errors.add("enabledTabs", "is required (a list such as [\"Home\",\"Invoices\"]; empty: no tab)");
        } else {
            for (int i = 0; i < input.enabledTabs().size(); i++) {
                String label = input.enabledTabs().get(i);
                Optional<PortalTab> tab = PortalTab.ofLabel(label);
                if (tab.isEmpty()) {
                    errors.add("enabledTabs[" + i + "]", "must be one of " + Arrays.stream(PortalTab.values()).map(PortalTab::label).toList());
                } else {
                    tabs.add(tab.get());
                }
            }
            if (tabs.contains(PortalTab.JOBS) && !enabledForAgency(IJOB)) {
                errors.add("enabledTabs", "Jobs is only offered while the agency has the module ijob");
            }
        }
        if (input.portalLoginsEnabled() == null) {
            errors.add("portalLoginsEnabled", "is required (true or false)");
        }
        String invitation = EmailHtml.clean("invitationEmailHtml", input.invitationEmailHtml(), EmailHtml.INVITATION, errors);
        String autoCharge = EmailHtml.clean("autoChargeEmailHtml", input.autoChargeEmailHtml(), EmailHtml.AUTO_CHARGE, errors);
        String logo = logoUrl(input.logoUrl(), settings().logoUrl(), errors);
        errors.throwIfAny();
        String storedTabs = tabs.stream().map(PortalTab::label).collect(Collectors.joining(","));
        return work.inTransaction(em -> {
            Optional<SettingsRecord> existing = row();
            PortalSettings before = existing.map(PortalSettingsStore::view).orElseGet(this::defaults);
            ETags.check(ifMatch, before.version());
            PortalSettings after = new PortalSettings(tabs.stream().map(PortalTab::label).toList(), input.portalLoginsEnabled(), invitation,
                    autoCharge, logo, before.version());
            requireRightsFor(before, after);
            SettingsRecord r = existing.orElseGet(() -> {
                SettingsRecord created = new SettingsRecord(Jdbc.newId());
                em.persist(created);
                return created;
            });
            r.change(storedTabs, input.portalLoginsEnabled(), invitation, autoCharge, logo, EntityWork.now());
            em.flush();
            history.record("agency-settings", PortalModule.ID, "settings", PortalModule.ID, "UPDATED",
                    HistoryService.diff(snapshot(before), snapshot(after)));
            return view(r);
        });
    }

    private static Map<String, Object> snapshot(PortalSettings s) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("enabledTabs", String.join(",", s.enabledTabs()));
        m.put("portalLoginsEnabled", s.portalLoginsEnabled());
        m.put("invitationEmailHtml", s.invitationEmailHtml());
        m.put("autoChargeEmailHtml", s.autoChargeEmailHtml());
        m.put("logoUrl", s.logoUrl());
        return m;
    }

    /** The fields a change touches, with {@code enabledTabs:<label>} for each tab switched on or off. */
    static List<String> changedFields(PortalSettings before, PortalSettings after) {
        List<String> changed = new ArrayList<>();
        for (PortalTab t : PortalTab.values()) {
            if (before.enabledTabs().contains(t.label()) != after.enabledTabs().contains(t.label())) {
                changed.add("enabledTabs:" + t.label());
            }
        }
        if (before.portalLoginsEnabled() != after.portalLoginsEnabled()) {
            changed.add("portalLoginsEnabled");
        }
        if (!Objects.equals(before.invitationEmailHtml(), after.invitationEmailHtml())) {
            changed.add("invitationEmailHtml");
        }
        if (!Objects.equals(before.autoChargeEmailHtml(), after.autoChargeEmailHtml())) {
            changed.add("autoChargeEmailHtml");
        }
        if (!Objects.equals(before.logoUrl(), after.logoUrl())) {
            changed.add("logoUrl");
        }
        return changed;
    }

    private static void requireRightsFor(PortalSettings before, PortalSettings after) {
        Principal p = RequestContext.principal();
        if (p.hasRole(Role.ADMIN)) {
            return;
        }
        List<String> refused = changedFields(before, after).stream().filter(f -> !PAYMENT_FIELDS.contains(f)).toList();
        if (!p.hasRole(Role.FINANCE)) {
            throw ProblemException.forbidden("Only ADMIN (and FINANCE, for the payment settings) may change the portal settings.");
        }
        if (!refused.isEmpty()) {
            throw ProblemException.forbidden("FINANCE may change only the payment settings (autoChargeEmailHtml and the Payments tab); "
                    + "this change also touches " + refused + ".");
        }
    }

    /** An https URL, or the agency's uploaded logo's own URL unchanged ({@code current}). */
    static String logoUrl(String value, String current, FieldErrors errors) {
        if (value == null || value.isBlank()) {
            return null;
        }
        String v = value.trim();
        if (v.equals(current)) {
            return v;
        }
        if (v.length() > 500) {
            errors.add("logoUrl", "must be at most 500 characters");
            return null;
        }
        try {
            URI uri = new URI(v);
            if (!"https".equalsIgnoreCase(uri.getScheme()) || uri.getHost() == null || uri.getRawUserInfo() != null) {
                errors.add("logoUrl", "must be an https URL such as https://example.com/logo.png");
                return null;
            }
        } catch (java.net.URISyntaxException e) {
            errors.add("logoUrl", "must be an https URL such as https://example.com/logo.png");
            return null;
        }
        return v;
    }

    /** The platform's public base URL (configuration), without a trailing slash: the start of links in e-mails. */
    String publicBaseUrl() {
        String base = config.publicBaseUrl() == null || config.publicBaseUrl().isBlank() ? "http://localhost:8181" : config.publicBaseUrl().trim();
        while (base.endsWith("/")) {
            base = base.substring(0, base.length() - 1);
        }
        return base;
    }

    /** Points {@code logoUrl} at the agency's uploaded logo (null: none), saving the settings with the defaults if never saved. */
    void changeLogoUrl(String url) {
        work.inTransaction(em -> {
            Optional<SettingsRecord> existing = row();
            PortalSettings before = existing.map(PortalSettingsStore::view).orElseGet(this::defaults);
            SettingsRecord r = existing.orElseGet(() -> {
                SettingsRecord created = new SettingsRecord(Jdbc.newId());
                em.persist(created);
                return created;
            });
            r.change(String.join(",", before.enabledTabs()), before.portalLoginsEnabled(), before.invitationEmailHtml(),
                    before.autoChargeEmailHtml(), url, EntityWork.now());
            em.flush();
            history.record("agency-settings", PortalModule.ID, "settings", PortalModule.ID, "UPDATED",
                    HistoryService.diff(Map.of("logoUrl", String.valueOf(before.logoUrl())), Map.of("logoUrl", String.valueOf(url))));
            return null;
        });
    }

    /** The outbox id of the sample mail. */
    public record Sample(String to, String outboxId) {
    }

    /**
     * E-mails the agency's invitation text, with sample values and a link that activates nothing, to {@code to} through the
     * outbox. 409 naming {@code invitationEmailHtml} while the agency has no text of its own (the platform's is sent).
     */
    public Sample sendSample(String to) {
        String address = to == null ? null : to.trim();
        if (address == null || address.isEmpty()) {
            throw ProblemException.invalid("to", "is required");
        }
        if (address.length() > 254 || !address.matches("[^@\\s]+@[^@\\s]+\\.[^@\\s]+")) {
            throw ProblemException.invalid("to", "must be an e-mail address");
        }
        String html = settings().invitationEmailHtml();
        if (html == null) {
            throw ProblemException.conflict("invitationEmailHtml",
                    "The agency has no invitation text of its own; contacts receive the platform's default text.");
        }
        Agency agency = agencies.findById(RequestContext.agencyId()).orElseThrow(() -> new IllegalStateException("no agency"));
        String base = publicBaseUrl();
        Text text = invitationText(html, Map.of(CONTACT_NAME, "Maria Exemplo", AGENCY_NAME, agency.name(),
                ACTIVATION_LINK, base + "/portal/" + agency.slug() + "/activate?token=sample-link-activates-nothing"));
        String id = database.inTransaction(tx -> {
            OutgoingMail subject = mail.render(sampleMail, address, mail.languageFor(null),
                    Map.of("agencyName", agency.name(), "text", text.text()));
            return outbox.enqueue(new OutgoingMail(address, subject.subject(), subject.textBody(), text.html()));
        });
        return new Sample(address, id);
    }
}
