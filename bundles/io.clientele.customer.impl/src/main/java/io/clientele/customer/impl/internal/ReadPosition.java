package io.clientele.customer.impl.internal;

/**
 * How far a spreadsheet reader has got through a file, readable from another thread while it reads: the bytes of
 * the rows read so far out of their total (the CSV file, or the XLSX sheet part as it inflates), and the number of
 * rows the file declares when it declares one (an XLSX {@code <dimension>}; CSV files never do).
 */
final class ReadPosition {

    private volatile long done;
    private volatile long total;
    private volatile int declaredRows = -1;

    void total(long bytes) {
        total = bytes;
    }

    void advance(long bytes) {
        done += bytes; // one reading thread
    }

    /** The last row number the file declares (the header included), or -1. */
    void declaredLastRow(int row) {
        declaredRows = row;
    }

    /** Data rows the file declares, header excluded; null when it does not say. */
    Integer declaredDataRows() {
        int d = declaredRows;
        return d > 1 ? d - 1 : null;
    }

    /** 0-100 by bytes read; 0 before the reader knows the size. */
    int percent() {
        long t = total;
        return t <= 0 ? 0 : (int) Math.min(100, done * 100 / t);
    }
}
