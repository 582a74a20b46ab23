package io.clientele.customer.impl.internal;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * A minimal XLSX package assembled by hand with java.util.zip, laid out the way LibreOffice Calc and Excel write
 * theirs (content types, package and workbook relationships, workbook, styles, shared strings, one sheet), so that
 * the import is tested against a writer other than POI. Parts are given as XML text; a part may also be streamed.
 */
final class OoxmlPackage {

    static final String MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";
    static final String REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";

    /** Streams a part's bytes. */
    interface Part {
        void write(OutputStream out) throws IOException;
    }

    private final Map<String, Part> parts = new LinkedHashMap<>();

    OoxmlPackage(String sheetData, String sharedStrings, String styles) {
        this(out -> out.write(sheet(sheetData).getBytes(StandardCharsets.UTF_8)), sharedStrings == null ? null
                : out -> out.write(sharedStrings.getBytes(StandardCharsets.UTF_8)), styles);
    }

    OoxmlPackage(Part sheet, Part sharedStrings, String styles) {
        text("[Content_Types].xml", "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
                + "<Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\">"
                + "<Default Extension=\"xml\" ContentType=\"application/xml\"/>"
                + "<Default Extension=\"rels\" ContentType=\"application/vnd.openxmlformats-package.relationships+xml\"/>"
                + "<Override PartName=\"/xl/workbook.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml\"/>"
                + "<Override PartName=\"/xl/styles.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml\"/>"
                + "<Override PartName=\"/xl/sharedStrings.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml\"/>"
                + "<Override PartName=\"/xl/worksheets/sheet1.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml\"/>"
                + "</Types>");
        text("_rels/.rels", "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
                + "<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
                + "<Relationship Id=\"rId1\" Type=\"" + REL + "/officeDocument\" Target=\"xl/workbook.xml\"/></Relationships>");
        text("xl/_rels/workbook.xml.rels", "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
                + "<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
                + "<Relationship Id=\"rId1\" Type=\"" + REL + "/styles\" Target=\"styles.xml\"/>"
                + "<Relationship Id=\"rId2\" Type=\"" + REL + "/worksheet\" Target=\"worksheets/sheet1.xml\"/>"
                + "<Relationship Id=\"rId3\" Type=\"" + REL + "/sharedStrings\" Target=\"sharedStrings.xml\"/></Relationships>");
        text("xl/workbook.xml", "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<workbook xmlns=\"" + MAIN + "\" xmlns:r=\"" + REL + "\">"
                + "<workbookPr date1904=\"false\"/><sheets><sheet name=\"Customers\" sheetId=\"1\" state=\"visible\" r:id=\"rId2\"/>"
                + "</sheets><calcPr iterateCount=\"100\"/></workbook>");
        text("xl/styles.xml", styles != null ? styles : "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<styleSheet xmlns=\"" + MAIN
                + "\"><cellXfs count=\"1\"><xf numFmtId=\"0\" fontId=\"0\" fillId=\"0\" borderId=\"0\"/></cellXfs></styleSheet>");
        if (sharedStrings != null) {
            parts.put("xl/sharedStrings.xml", sharedStrings);
        }
        parts.put("xl/worksheets/sheet1.xml", sheet);
    }

    static String sheet(String sheetData) {
        return "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<worksheet xmlns=\"" + MAIN + "\" xmlns:r=\"" + REL + "\">"
                + "<sheetData>" + sheetData + "</sheetData></worksheet>";
    }

    static String sharedStrings(String... texts) {
        StringBuilder s = new StringBuilder("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<sst xmlns=\"" + MAIN + "\" count=\""
                + texts.length + "\" uniqueCount=\"" + texts.length + "\">");
        for (String t : texts) {
            s.append(t.startsWith("<") ? "<si>" + t + "</si>" : "<si><t xml:space=\"preserve\">" + t + "</t></si>");
        }
        return s.append("</sst>").toString();
    }

    private void text(String name, String xml) {
        parts.put(name, out -> out.write(xml.getBytes(StandardCharsets.UTF_8)));
    }

    Path write(Path file) throws IOException {
        try (ZipOutputStream zip = new ZipOutputStream(Files.newOutputStream(file))) {
            for (Map.Entry<String, Part> p : parts.entrySet()) {
                zip.putNextEntry(new ZipEntry(p.getKey()));
                p.getValue().write(zip);
                zip.closeEntry();
            }
        }
        return file;
    }
}
