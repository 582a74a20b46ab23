/**
 * The one way the platform and its modules write a table as a file, and the one rule for text a spreadsheet could
 * take for a formula (quality.md R9). {@link io.clientele.platform.sheets.SheetWriter} streams rows into CSV (Commons
 * CSV, UTF-8 with a byte order mark) or XLSX (POI's SXSSF: at most a hundred rows in memory, the rest in compressed
 * temporary files), so an export of any size writes in flat memory; {@link io.clientele.platform.sheets.Formulas}
 * neutralises formula-like text (CSV: a leading apostrophe; XLSX: the cell is quote-prefixed, Excel's own "this is
 * text" mark) and undoes it on import.
 */
@org.osgi.annotation.bundle.Export
@org.osgi.annotation.versioning.Version("1.0.0")
package io.clientele.platform.sheets;
