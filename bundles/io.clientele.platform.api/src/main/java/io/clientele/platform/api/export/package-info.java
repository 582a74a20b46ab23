/**
 * Exports (files a client downloads: CSV, XLSX) written to a temporary file first and streamed from it afterwards,
 * so a client that reads slowly never holds a database connection.
 */
@org.osgi.annotation.bundle.Export
@org.osgi.annotation.versioning.Version("1.0.0")
package io.clientele.platform.api.export;
