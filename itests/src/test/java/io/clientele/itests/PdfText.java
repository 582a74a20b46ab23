package io.clientele.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import com.lowagie.text.pdf.PdfReader;
import com.lowagie.text.pdf.parser.PdfTextExtractor;
import io.clientele.itests.ClienteleTestSupport.Binary;
import java.io.IOException;

/** Reads a downloaded PDF back with OpenPDF's text extraction (the bundle the monthly-fee module renders with). */
final class PdfText {

    private PdfText() {
    }

    /** The text of every page of a 200 {@code application/pdf} attachment named {@code fileName}. */
    static String of(Binary pdf, String fileName) {
        assertEquals(new String(pdf.body(), java.nio.charset.StandardCharsets.UTF_8), 200, pdf.status());
        assertTrue(pdf.header("Content-Type"), pdf.header("Content-Type").startsWith("application/pdf"));
        assertEquals("attachment; filename=\"" + fileName + "\"", pdf.header("Content-Disposition"));
        try {
            PdfReader reader = new PdfReader(pdf.body());
            try {
                StringBuilder text = new StringBuilder();
                PdfTextExtractor extractor = new PdfTextExtractor(reader);
                for (int page = 1; page <= reader.getNumberOfPages(); page++) {
                    text.append(extractor.getTextFromPage(page)).append('\n');
                }
                return text.toString();
            } finally {
                reader.close();
            }
        } catch (IOException e) {
            throw new AssertionError("not a readable PDF", e);
        }
    }
}
