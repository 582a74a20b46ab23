package io.clientele.customer.impl.internal;

import io.clientele.platform.api.rest.FieldError;
import io.clientele.platform.api.rest.ProblemException;
import java.util.List;

/**
 * How much an uploaded spreadsheet may make the platform read and hold, derived from the upload limit so that one
 * setting sizes them all: each part of an XLSX may inflate to at most {@link #INFLATE_FACTOR} times the upload limit
 * (and never more than {@link #MAX_RATIO} times its compressed size once past 1 MB), the workbook's shared texts held
 * in memory at most {@link #SHARED_TEXT_FACTOR} times the upload limit, a cell at most 32,767 characters (what a
 * spreadsheet cell holds), a sheet at most 1,048,576 rows (what a sheet holds) and {@code maxRows} of them non-blank.
 */
record SheetLimits(long maxEntryBytes, long maxSharedTextBytes, int maxCellChars, int maxRows) {

    static final int INFLATE_FACTOR = 20;
    static final int SHARED_TEXT_FACTOR = 2;
    static final int MAX_RATIO = 100;
    static final int SPREADSHEET_CELL_CHARS = 32_767;
    static final int SPREADSHEET_ROWS = 1_048_576;

    static SheetLimits forUpload(long maxUploadBytes, int maxRows) {
        long upload = Math.max(1024, maxUploadBytes);
        return new SheetLimits(saturated(upload, INFLATE_FACTOR), Math.min(Integer.MAX_VALUE - 1, saturated(upload, SHARED_TEXT_FACTOR)),
                SPREADSHEET_CELL_CHARS, Math.max(1, Math.min(maxRows, SPREADSHEET_ROWS - 1)));
    }

    /** The limits of the default configuration (20 MB uploads, 500,000 rows). */
    static SheetLimits defaults() {
        return forUpload(20L * 1024 * 1024, 500_000);
    }

    private static long saturated(long value, int factor) {
        return value > Long.MAX_VALUE / factor ? Long.MAX_VALUE : value * factor;
    }

    /** 413 about the uploaded file. */
    static ProblemException tooLarge(String detail) {
        return new ProblemException(413, "payload_too_large", detail, List.of(new FieldError("file", detail)), null);
    }
}
