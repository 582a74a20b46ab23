package io.clientele.monthlyfee.api;

/**
 * A rendered document: {@code fileName} to offer in a download (e.g. {@code invoice-12.pdf}), {@code content} the PDF's
 * bytes ({@code application/pdf}).
 *
 * @since 2.3.0
 */
public record PdfFile(String fileName, byte[] content) {

    public static final String MEDIA_TYPE = "application/pdf";

    /** The {@code Content-Disposition} header that offers the file as a download under {@link #fileName()}. */
    public String contentDisposition() {
        return "attachment; filename=\"" + fileName.replaceAll("[^A-Za-z0-9._-]", "_") + "\"";
    }
}
