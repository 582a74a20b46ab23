package io.clientele.platform.sheets;

import java.util.Locale;
import java.util.Optional;

/** The file formats a table is written in. */
public enum SheetFormat {
    CSV("csv"),
    XLSX("xlsx");

    private final String extension;

    SheetFormat(String extension) {
        this.extension = extension;
    }

    /** The file name extension, without the dot. */
    public String extension() {
        return extension;
    }

    /** The format a query parameter names ({@code csv} or {@code xlsx}, any case, spaces around ignored); empty otherwise. */
    public static Optional<SheetFormat> named(String name) {
        if (name == null) {
            return Optional.empty();
        }
        return switch (name.trim().toLowerCase(Locale.ROOT)) {
            case "csv" -> Optional.of(CSV);
            case "xlsx" -> Optional.of(XLSX);
            default -> Optional.empty();
        };
    }
}
