package io.clientele.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNotNull;
import static org.junit.Assert.assertTrue;

import io.clientele.itests.ClienteleTestSupport.Binary;
import java.util.Arrays;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;

/**
 * Reads a downloaded PDF back with OpenPDF's text extraction, from the OpenPDF bundle the monthly-fee module renders with.
 * Its classes are loaded through that bundle, not imported by the test probe: a probe wired to it would be refreshed
 * (and its bundle context invalidated mid-test) when a test uninstalls the monthly-fee module.
 */
final class PdfText {

    private PdfText() {
    }

    /** The text of every page of a 200 {@code application/pdf} attachment named {@code fileName}. */
    static String of(BundleContext context, Binary pdf, String fileName) {
        assertEquals(new String(pdf.body(), java.nio.charset.StandardCharsets.UTF_8), 200, pdf.status());
        assertTrue(pdf.header("Content-Type"), pdf.header("Content-Type").startsWith("application/pdf"));
        assertEquals("attachment; filename=\"" + fileName + "\"", pdf.header("Content-Disposition"));
        Bundle openpdf = Arrays.stream(context.getBundles()).filter(b -> "com.github.librepdf.openpdf".equals(b.getSymbolicName()))
                .findFirst().orElse(null);
        assertNotNull("the OpenPDF bundle is installed", openpdf);
        try {
            Class<?> readerType = openpdf.loadClass("com.lowagie.text.pdf.PdfReader");
            Class<?> extractorType = openpdf.loadClass("com.lowagie.text.pdf.parser.PdfTextExtractor");
            Object reader = readerType.getConstructor(byte[].class).newInstance((Object) pdf.body());
            try {
                Object extractor = extractorType.getConstructor(readerType).newInstance(reader);
                int pages = (Integer) readerType.getMethod("getNumberOfPages").invoke(reader);
                StringBuilder text = new StringBuilder();
                for (int page = 1; page <= pages; page++) {
                    text.append(extractorType.getMethod("getTextFromPage", int.class).invoke(extractor, page)).append('\n');
                }
                return text.toString();
            } finally {
                readerType.getMethod("close").invoke(reader);
            }
        } catch (ReflectiveOperationException e) {
            throw new AssertionError("not a PDF OpenPDF reads", e);
        }
    }
}
