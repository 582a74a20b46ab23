package io.clientele.portal.api;

import java.util.Optional;

/**
 * The tabs of the customer portal an agency switches on or off. {@link #label()} is the name the API and the web app
 * use ({@code "ServiceNotes"}); {@link #JOBS} (the iJob approval dashboard) is only offered while the agency has the
 * module {@code ijob}.
 */
public enum PortalTab {
    HOME("Home"), PAYMENTS("Payments"), INVOICES("Invoices"), HISTORY("History"), SERVICE_NOTES("ServiceNotes"),
    REQUEST_SERVICE("RequestService"), ESTIMATES("Estimates"), DOCUMENTS("Documents"), JOBS("Jobs");

    private final String label;

    PortalTab(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }

    /** The tab of this label (exact spelling), if any. */
    public static Optional<PortalTab> ofLabel(String label) {
        for (PortalTab t : values()) {
            if (t.label.equals(label)) {
                return Optional.of(t);
            }
        }
        return Optional.empty();
    }
}
