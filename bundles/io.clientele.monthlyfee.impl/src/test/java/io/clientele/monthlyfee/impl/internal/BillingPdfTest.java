package io.clientele.monthlyfee.impl.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.lowagie.text.pdf.PdfReader;
import com.lowagie.text.pdf.parser.PdfTextExtractor;
import io.clientele.monthlyfee.api.BillingAddress;
import io.clientele.monthlyfee.api.DocumentLogo;
import io.clientele.monthlyfee.api.Estimate;
import io.clientele.monthlyfee.api.EstimateStatus;
import io.clientele.monthlyfee.api.Invoice;
import io.clientele.monthlyfee.api.InvoiceLine;
import io.clientele.monthlyfee.api.InvoiceStatus;
import io.clientele.monthlyfee.impl.internal.BillingPdf.Letterhead;
import io.clientele.monthlyfee.impl.internal.BillingPdf.Recipient;
import io.clientele.platform.api.money.Money;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Locale;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;

/** Renders invoices and estimates and reads the PDFs back: the words, amounts and dates a customer sees, per language. */
class BillingPdfTest {

    private static final BillingAddress ADDRESS = new BillingAddress("01310-100", "Avenida Paulista", "1000", "Sala 12", "Bela Vista",
            "São Paulo", "SP", "Brasil");
    private static final Recipient TO = new Recipient("Padaria Pão Quente Ltda", "Pão Quente", ADDRESS);

    private static Invoice invoice() {
        return new Invoice("inv-1", 42, "c1", "le-1", "Padaria Pão Quente Ltda", ADDRESS, LocalDate.parse("2026-12-01"),
                LocalDate.parse("2026-12-10"), Money.brl("1250.00"), InvoiceStatus.OPEN,
                List.of(new InvoiceLine("e1", "f1", "Gestão de redes sociais", LocalDate.parse("2026-12-05"), Money.brl("1000.00")),
                        new InvoiceLine("e2", "f2", "Hospedagem", LocalDate.parse("2026-12-05"), Money.brl("250.00"))),
                Money.brl("200.00"), Money.brl("1050.00"), List.of(), 1, Instant.parse("2026-12-01T12:00:00Z"));
    }

    private static Estimate estimate(Estimate.Decision decision, EstimateStatus status) {
        return new Estimate("est-7", "c1", "Novo site", List.of(
                new Estimate.Line("Design", new BigDecimal("2"), Money.brl("1500.00"), Money.brl("3000.00")),
                new Estimate.Line("Hosting", new BigDecimal("1.5"), Money.brl("100.00"), Money.brl("150.00"))),
                Money.brl("3150.00"), status, "ana@example.com", Instant.parse("2026-12-02T10:00:00Z"), decision, 2,
                Instant.parse("2026-12-01T10:00:00Z"), Instant.parse("2026-12-03T10:00:00Z"));
    }

    static String text(byte[] pdf) throws IOException {
        assertTrue(new String(pdf, 0, 5, java.nio.charset.StandardCharsets.US_ASCII).startsWith("%PDF-"), "a PDF");
        PdfReader reader = new PdfReader(pdf);
        try {
            StringBuilder all = new StringBuilder();
            PdfTextExtractor extractor = new PdfTextExtractor(reader);
            for (int page = 1; page <= reader.getNumberOfPages(); page++) {
                all.append(extractor.getTextFromPage(page)).append('\n');
            }
            return all.toString();
        } finally {
            reader.close();
        }
    }

    @Test
    void anInvoiceInPortugueseNamesItsNumberEntityAddressDatesLinesAndMoneyAsBraziliansWriteThem() throws IOException {
        String text = text(new BillingPdf(Locale.forLanguageTag("pt-BR")).invoice(invoice(), TO, new Letterhead("Agência Aurora", null)));
        for (String expected : List.of("Agência Aurora", "Fatura nº 42", "Situação: Em aberto", "Cobrar de", "Padaria Pão Quente Ltda",
                "Pão Quente", "Avenida Paulista, 1000 — Sala 12", "Bela Vista — São Paulo/SP", "01310-100 Brasil", "Emissão", "01/12/2026",
                "Vencimento", "10/12/2026", "Gestão de redes sociais", "R$ 1.000,00", "R$ 250,00", "Total", "R$ 1.250,00", "Pago",
                "R$ 200,00", "Saldo a pagar", "R$ 1.050,00")) {
            assertTrue(text.contains(expected), () -> "expected '" + expected + "' in:\n" + text);
        }
        assertFalse(text.contains("Invoice"), text);
    }

    @Test
    void anInvoiceInEnglishUsesEnglishLabelsDatesAndAmounts() throws IOException {
        String text = text(new BillingPdf(Locale.ENGLISH).invoice(invoice(), TO, new Letterhead("Aurora Agency", null)));
        for (String expected : List.of("Aurora Agency", "Invoice No. 42", "Status: Open", "Bill to", "Issue date", "Dec 1, 2026", "Due date",
                "Dec 10, 2026", "R$1,250.00", "R$1,000.00", "Balance due", "R$1,050.00")) {
            assertTrue(text.contains(expected), () -> "expected '" + expected + "' in:\n" + text);
        }
        assertFalse(text.contains("Fatura"), text);
    }

    @Test
    void anEstimateShowsItsLinesTotalAndWhoAcceptedItWithTheComment() throws IOException {
        Estimate accepted = estimate(new Estimate.Decision(EstimateStatus.ACCEPTED, Instant.parse("2026-12-03T10:00:00Z"), "ct-1",
                "Ana Souza", null, "Pode começar"), EstimateStatus.ACCEPTED);
        String pt = text(new BillingPdf(Locale.forLanguageTag("pt-BR")).estimate(accepted, TO, new Letterhead("Agência Aurora", null)));
        for (String expected : List.of("Orçamento", "Novo site", "Situação: Aceito", "Design", "1,5", "R$ 1.500,00", "R$ 3.000,00",
                "R$ 3.150,00", "02/12/2026", "est-7", "Aceito por Ana Souza em 03/12/2026", "Comentário: Pode começar")) {
            assertTrue(pt.contains(expected), () -> "expected '" + expected + "' in:\n" + pt);
        }
        String en = text(new BillingPdf(Locale.ENGLISH).estimate(estimate(null, EstimateStatus.SENT), TO, new Letterhead("Aurora", null)));
        for (String expected : List.of("Estimate", "Status: Sent", "Qty", "1.5", "R$1,500.00", "R$3,150.00", "Dec 2, 2026")) {
            assertTrue(en.contains(expected), () -> "expected '" + expected + "' in:\n" + en);
        }
        assertFalse(en.contains(" by "), en);
    }

    @Test
    void aLogoIsPrintedWhenTheAgencyHasOneAndABrokenOneIsLeftOut() throws IOException {
        BufferedImage image = new BufferedImage(40, 20, BufferedImage.TYPE_INT_RGB);
        ByteArrayOutputStream png = new ByteArrayOutputStream();
        ImageIO.write(image, "png", png);
        BillingPdf pdf = new BillingPdf(Locale.ENGLISH);
        byte[] withLogo = pdf.invoice(invoice(), TO, new Letterhead("Aurora", new DocumentLogo.Image("image/png", png.toByteArray())));
        byte[] without = pdf.invoice(invoice(), TO, new Letterhead("Aurora", null));
        PdfReader reader = new PdfReader(withLogo);
        try {
            assertTrue(reader.getPageN(1).getAsDict(com.lowagie.text.pdf.PdfName.RESOURCES).getAsDict(com.lowagie.text.pdf.PdfName.XOBJECT) != null,
                    "the logo is an image on the page");
        } finally {
            reader.close();
        }
        byte[] broken = pdf.invoice(invoice(), TO, new Letterhead("Aurora", new DocumentLogo.Image("image/png", new byte[]{1, 2, 3})));
        assertEquals(text(without), text(broken), "a logo that is no image leaves the document as without one");
        assertTrue(text(withLogo).contains("Invoice No. 42"));
    }

    @Test
    void addressLinesLeaveOutWhatIsMissing() {
        assertEquals(List.of("Rua A, 10", "Recife/PE"), BillingPdf.addressLines(new BillingAddress(null, "Rua A", "10", " ", null, "Recife", "PE", null)));
        assertEquals(List.of(), BillingPdf.addressLines(null));
    }
}
