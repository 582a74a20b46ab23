package io.clientele.monthlyfee.impl.internal;

import com.lowagie.text.Document;
import com.lowagie.text.DocumentException;
import com.lowagie.text.Element;
import com.lowagie.text.Font;
import com.lowagie.text.Image;
import com.lowagie.text.PageSize;
import com.lowagie.text.Paragraph;
import com.lowagie.text.Phrase;
import com.lowagie.text.Rectangle;
import com.lowagie.text.pdf.PdfPCell;
import com.lowagie.text.pdf.PdfPTable;
import com.lowagie.text.pdf.PdfWriter;
import io.clientele.monthlyfee.api.BillingAddress;
import io.clientele.monthlyfee.api.DocumentLogo;
import io.clientele.monthlyfee.api.Estimate;
import io.clientele.monthlyfee.api.Invoice;
import io.clientele.monthlyfee.api.InvoiceLine;
import io.clientele.platform.api.money.Money;
import java.awt.Color;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Invoices and estimates as PDF documents, with OpenPDF: the agency's name (and logo, when it has one), the billed legal
 * entity or customer with its address, number and dates, the lines, the totals and the status, every label, amount and
 * date in the agency's language ({@code R$ 1.250,00} and {@code 10/12/2026} in pt-BR, {@code R$1,250.00} and
 * {@code Dec 10, 2026} in English). Pure: no database, no OSGi; the stores hand it what they read.
 */
final class BillingPdf {

    private static final Logger LOG = LoggerFactory.getLogger(BillingPdf.class);

    private static final Color GREY = new Color(0x55, 0x55, 0x55);
    private static final Color RULE = new Color(0xCC, 0xCC, 0xCC);
    private static final Font TITLE = new Font(Font.HELVETICA, 16, Font.BOLD);
    private static final Font AGENCY = new Font(Font.HELVETICA, 14, Font.BOLD);
    private static final Font BOLD = new Font(Font.HELVETICA, 10, Font.BOLD);
    private static final Font BODY = new Font(Font.HELVETICA, 10, Font.NORMAL);
    private static final Font SMALL = new Font(Font.HELVETICA, 8, Font.NORMAL, GREY);

    private static final Locale PT_BR = Locale.forLanguageTag("pt-BR");

    /** The labels in each language the platform writes in (pt-BR, the default, and English). */
    private static final Map<String, Map<String, String>> LABELS = Map.of(
            "pt", Map.ofEntries(
                    Map.entry("invoice", "Fatura nº {0}"), Map.entry("estimate", "Orçamento"), Map.entry("billTo", "Cobrar de"),
                    Map.entry("customer", "Cliente"), Map.entry("issueDate", "Emissão"), Map.entry("dueDate", "Vencimento"),
                    Map.entry("date", "Data"), Map.entry("reference", "Referência"), Map.entry("description", "Descrição"),
                    Map.entry("lineDue", "Competência"), Map.entry("quantity", "Qtd."), Map.entry("unitPrice", "Preço unitário"),
                    Map.entry("amount", "Valor"), Map.entry("total", "Total"), Map.entry("paid", "Pago"),
                    Map.entry("balance", "Saldo a pagar"), Map.entry("status", "Situação"),
                    Map.entry("status.OPEN", "Em aberto"), Map.entry("status.PAID", "Paga"), Map.entry("status.CANCELLED", "Cancelada"),
                    Map.entry("status.DRAFT", "Rascunho"), Map.entry("status.SENT", "Enviado"), Map.entry("status.ACCEPTED", "Aceito"),
                    Map.entry("status.DECLINED", "Recusado"), Map.entry("decidedBy", "{0} por {1} em {2}"),
                    Map.entry("decidedAt", "{0} em {1}"), Map.entry("comment", "Comentário")),
            "en", Map.ofEntries(
                    Map.entry("invoice", "Invoice No. {0}"), Map.entry("estimate", "Estimate"), Map.entry("billTo", "Bill to"),
                    Map.entry("customer", "Customer"), Map.entry("issueDate", "Issue date"), Map.entry("dueDate", "Due date"),
                    Map.entry("date", "Date"), Map.entry("reference", "Reference"), Map.entry("description", "Description"),
                    Map.entry("lineDue", "Period due"), Map.entry("quantity", "Qty"), Map.entry("unitPrice", "Unit price"),
                    Map.entry("amount", "Amount"), Map.entry("total", "Total"), Map.entry("paid", "Paid"),
                    Map.entry("balance", "Balance due"), Map.entry("status", "Status"),
                    Map.entry("status.OPEN", "Open"), Map.entry("status.PAID", "Paid"), Map.entry("status.CANCELLED", "Cancelled"),
                    Map.entry("status.DRAFT", "Draft"), Map.entry("status.SENT", "Sent"), Map.entry("status.ACCEPTED", "Accepted"),
                    Map.entry("status.DECLINED", "Declined"), Map.entry("decidedBy", "{0} by {1} on {2}"),
                    Map.entry("decidedAt", "{0} on {1}"), Map.entry("comment", "Comment")));

    /** Who issues the document: the agency's name and, when it has one, its logo. */
    record Letterhead(String agencyName, DocumentLogo.Image logo) {
    }

    /** Who the document is for: a name, the customer's name when the name is another legal entity's, and an address. */
    record Recipient(String name, String customerName, BillingAddress address) {
    }

    private final Locale locale;
    private final Map<String, String> labels;
    private final DateTimeFormatter dates;

    BillingPdf(Locale locale) {
        boolean english = locale != null && "en".equals(locale.getLanguage());
        this.locale = english ? Locale.ENGLISH : PT_BR;
        this.labels = LABELS.get(english ? "en" : "pt");
        this.dates = english ? DateTimeFormatter.ofPattern("MMM d, yyyy", Locale.ENGLISH) : DateTimeFormatter.ofPattern("dd/MM/yyyy", PT_BR);
    }

    /** The agency's language as a locale: {@code pt-BR} (the default) or {@code en}. */
    static Locale languageOf(String tag) {
        return tag != null && tag.toLowerCase(Locale.ROOT).startsWith("en") ? Locale.ENGLISH : PT_BR;
    }

    static String invoiceFileName(Invoice invoice) {
        return "invoice-" + invoice.number() + ".pdf";
    }

    static String estimateFileName(Estimate estimate) {
        return "estimate-" + estimate.id() + ".pdf";
    }

    byte[] invoice(Invoice invoice, Recipient to, Letterhead from) {
        return render(document -> {
            header(document, from, label("invoice", Long.toString(invoice.number())), label("status." + invoice.status().name()));
            recipient(document, label("billTo"), to);
            facts(document, List.of(label("issueDate"), label("dueDate")),
                    List.of(date(invoice.issueDate()), date(invoice.dueDate())));
            PdfPTable lines = table(new float[]{6, 2, 2}, label("description"), label("lineDue"), label("amount"));
            for (InvoiceLine l : invoice.lines()) {
                lines.addCell(cell(l.description(), BODY, Element.ALIGN_LEFT));
                lines.addCell(cell(date(l.dueDate()), BODY, Element.ALIGN_LEFT));
                lines.addCell(cell(money(l.amount()), BODY, Element.ALIGN_RIGHT));
            }
            document.add(lines);
            totals(document, List.of(label("total"), label("paid"), label("balance")),
                    List.of(money(invoice.total()), money(invoice.paid()), money(invoice.balance())));
        });
    }

    byte[] estimate(Estimate estimate, Recipient to, Letterhead from) {
        return render(document -> {
            header(document, from, label("estimate"), label("status." + estimate.status().name()));
            Paragraph title = new Paragraph(estimate.title(), BOLD);
            title.setSpacingAfter(6);
            document.add(title);
            recipient(document, label("customer"), to);
            Instant issued = estimate.sentAt() != null ? estimate.sentAt() : estimate.createdAt();
            facts(document, List.of(label("date"), label("reference")), List.of(date(issued), estimate.id()));
            PdfPTable lines = table(new float[]{5, 1.2f, 2, 2}, label("description"), label("quantity"), label("unitPrice"), label("amount"));
            for (Estimate.Line l : estimate.lines()) {
                lines.addCell(cell(l.description(), BODY, Element.ALIGN_LEFT));
                lines.addCell(cell(quantity(l), BODY, Element.ALIGN_RIGHT));
                lines.addCell(cell(money(l.unitPrice()), BODY, Element.ALIGN_RIGHT));
                lines.addCell(cell(money(l.amount()), BODY, Element.ALIGN_RIGHT));
            }
            document.add(lines);
            totals(document, List.of(label("total")), List.of(money(estimate.total())));
            Estimate.Decision d = estimate.decision();
            if (d != null) {
                String status = label("status." + estimate.status().name());
                String when = date(d.decidedAt());
                Paragraph decided = new Paragraph(d.contactName() != null ? label("decidedBy", status, d.contactName(), when)
                        : label("decidedAt", status, when), BOLD);
                decided.setSpacingBefore(12);
                document.add(decided);
                if (d.comment() != null && !d.comment().isBlank()) {
                    document.add(new Paragraph(label("comment") + ": " + d.comment(), BODY));
                }
            }
        });
    }

    // ---- pieces

    private interface Content {
        void write(Document document) throws DocumentException;
    }

    private static byte[] render(Content content) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        Document document = new Document(PageSize.A4, 48, 48, 48, 48);
        try {
            PdfWriter.getInstance(document, out);
            document.open();
            content.write(document);
        } catch (DocumentException e) {
            throw new IllegalStateException("the PDF could not be written", e);
        } finally {
            if (document.isOpen()) {
                document.close();
            }
        }
        return out.toByteArray();
    }

    private void header(Document document, Letterhead from, String title, String status) throws DocumentException {
        PdfPTable head = new PdfPTable(new float[]{1, 1});
        head.setWidthPercentage(100);
        PdfPCell left = new PdfPCell();
        left.setBorder(Rectangle.NO_BORDER);
        Image logo = logo(from.logo());
        if (logo != null) {
            left.addElement(logo);
        }
        left.addElement(new Paragraph(from.agencyName(), AGENCY));
        head.addCell(left);
        PdfPCell right = new PdfPCell();
        right.setBorder(Rectangle.NO_BORDER);
        Paragraph t = new Paragraph(title, TITLE);
        t.setAlignment(Element.ALIGN_RIGHT);
        right.addElement(t);
        Paragraph s = new Paragraph(label("status") + ": " + status, BODY);
        s.setAlignment(Element.ALIGN_RIGHT);
        right.addElement(s);
        head.addCell(right);
        head.setSpacingAfter(18);
        document.add(head);
    }

    /** The logo scaled into 160 × 60 points; a logo that is no image OpenPDF reads is left out (logged), never a failure. */
    private static Image logo(DocumentLogo.Image image) {
        if (image == null || image.bytes() == null || image.bytes().length == 0) {
            return null;
        }
        try {
            Image logo = Image.getInstance(image.bytes());
            logo.scaleToFit(160, 60);
            return logo;
        } catch (IOException | RuntimeException e) {
            LOG.warn("The agency's logo ({}) is no image the PDF can carry; the document goes without it: {}", image.contentType(), e.toString());
            return null;
        }
    }

    private void recipient(Document document, String heading, Recipient to) throws DocumentException {
        document.add(new Paragraph(heading, SMALL));
        document.add(new Paragraph(to.name(), BOLD));
        if (to.customerName() != null && !to.customerName().equals(to.name())) {
            document.add(new Paragraph(to.customerName(), BODY));
        }
        for (String line : addressLines(to.address())) {
            document.add(new Paragraph(line, BODY));
        }
    }

    /** The address as printed: "street, number — complement", "district — city/state", "postal code country". */
    static List<String> addressLines(BillingAddress a) {
        List<String> lines = new ArrayList<>();
        if (a == null) {
            return lines;
        }
        addLine(lines, " — ", joined(", ", a.street(), a.number()), a.complement());
        addLine(lines, " — ", a.district(), joined("/", a.city(), a.state()));
        addLine(lines, " ", a.postalCode(), a.country());
        return lines;
    }

    private static void addLine(List<String> lines, String separator, String... parts) {
        String line = joined(separator, parts);
        if (!line.isEmpty()) {
            lines.add(line);
        }
    }

    private static String joined(String separator, String... parts) {
        return Stream.of(parts).filter(Objects::nonNull).map(String::trim).filter(p -> !p.isEmpty()).collect(Collectors.joining(separator));
    }

    private void facts(Document document, List<String> names, List<String> values) throws DocumentException {
        PdfPTable table = new PdfPTable(names.size());
        table.setWidthPercentage(100);
        table.setSpacingBefore(12);
        table.setSpacingAfter(12);
        for (String n : names) {
            table.addCell(cell(n, SMALL, Element.ALIGN_LEFT));
        }
        for (String v : values) {
            table.addCell(cell(v, BOLD, Element.ALIGN_LEFT));
        }
        document.add(table);
    }

    private static PdfPTable table(float[] widths, String... headings) {
        PdfPTable table = new PdfPTable(widths);
        table.setWidthPercentage(100);
        table.setHeaderRows(1);
        for (int i = 0; i < headings.length; i++) {
            PdfPCell h = cell(headings[i], BOLD, i == 0 ? Element.ALIGN_LEFT : Element.ALIGN_RIGHT);
            h.setBorder(Rectangle.BOTTOM);
            h.setBorderColor(RULE);
            table.addCell(h);
        }
        return table;
    }

    private void totals(Document document, List<String> names, List<String> values) throws DocumentException {
        PdfPTable table = new PdfPTable(new float[]{7, 3});
        table.setWidthPercentage(100);
        table.setSpacingBefore(8);
        for (int i = 0; i < names.size(); i++) {
            PdfPCell n = cell(names.get(i), BOLD, Element.ALIGN_RIGHT);
            PdfPCell v = cell(values.get(i), BOLD, Element.ALIGN_RIGHT);
            if (i == 0) {
                n.setBorder(Rectangle.TOP);
                v.setBorder(Rectangle.TOP);
                n.setBorderColor(RULE);
                v.setBorderColor(RULE);
            }
            table.addCell(n);
            table.addCell(v);
        }
        document.add(table);
    }

    private static PdfPCell cell(String text, Font font, int alignment) {
        PdfPCell c = new PdfPCell(new Phrase(text == null ? "" : text, font));
        c.setBorder(Rectangle.NO_BORDER);
        c.setHorizontalAlignment(alignment);
        c.setPaddingTop(3);
        c.setPaddingBottom(4);
        return c;
    }

    // ---- words, amounts and dates in the document's language

    String label(String key, String... params) {
        String text = labels.get(key);
        if (text == null) {
            throw new IllegalArgumentException("no PDF label " + key);
        }
        for (int i = 0; i < params.length; i++) {
            text = text.replace("{" + i + "}", params[i]);
        }
        return text;
    }

    String money(Money amount) {
        return amount.format(locale);
    }

    String date(LocalDate date) {
        return date == null ? "" : dates.format(date);
    }

    String date(Instant at) {
        return at == null ? "" : dates.format(at.atOffset(ZoneOffset.UTC).toLocalDate());
    }

    private String quantity(Estimate.Line l) {
        java.text.NumberFormat f = java.text.NumberFormat.getNumberInstance(locale);
        f.setMaximumFractionDigits(3);
        return f.format(l.quantity());
    }
}
