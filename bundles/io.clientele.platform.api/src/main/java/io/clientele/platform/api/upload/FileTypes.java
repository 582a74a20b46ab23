package io.clientele.platform.api.upload;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Enumeration;
import java.util.HashSet;
import java.util.Locale;
import io.clientele.platform.api.domain.Refusal.Field;
import io.clientele.platform.api.i18n.Messages;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

/**
 * Decides an uploaded file's type from its bytes (magic numbers), never from its name or the type the client
 * claims: images (PNG, JPEG, GIF, WebP), PDF, plain UTF-8 text, Office Open XML documents (DOCX, XLSX,
 * PPTX), and since 1.4.0 MP4 and WebM videos and other zip archives. Anything else is refused. A caller that takes fewer
 * types (an image only) checks the answer against its own list. SVG and HTML are text as far as the bytes go: a caller
 * that does not take {@link #TEXT} refuses them.
 *
 * @since 1.3.0 (was the customer module's own)
 */
public final class FileTypes {

    public static final String PNG = "image/png";
    public static final String JPEG = "image/jpeg";
    public static final String GIF = "image/gif";
    public static final String WEBP = "image/webp";
    public static final String PDF = "application/pdf";
    public static final String TEXT = "text/plain";
    public static final String DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document";
    public static final String XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
    public static final String PPTX = "application/vnd.openxmlformats-officedocument.presentationml.presentation";
    /** An MP4 (ISO base media) video: an {@code ftyp} box whose brand is not a still image's (HEIC, AVIF). @since 1.4.0 */
    public static final String MP4 = "video/mp4";
    /** A WebM video: an EBML header whose document type is {@code webm}. @since 1.4.0 */
    public static final String WEBM = "video/webm";
    /** A zip archive that is not an Office Open XML document. @since 1.4.0 */
    public static final String ZIP = "application/zip";

    /** Other names clients use for the same types; the key is what a client may declare, the value what we detect. */
    private static final Map<String, String> ALIASES = Map.of("image/jpg", JPEG, "image/pjpeg", JPEG, "text/csv", TEXT,
            "application/x-pdf", PDF);
    /** Generic zip types some clients send for Office documents. */
    private static final Set<String> ZIP_NAMES = Set.of("application/zip", "application/x-zip-compressed");

    private static final byte[] PNG_MAGIC = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'};
    private static final int MAX_ZIP_ENTRY_NAME = 1024;
    /** Brands of an {@code ftyp} box that are still images (HEIF/HEIC, AVIF), not videos. */
    private static final Set<String> IMAGE_BRANDS = Set.of("heic", "heix", "heim", "heis", "mif1", "msf1", "avif", "avis");
    private static final byte[] EBML_MAGIC = {0x1a, 0x45, (byte) 0xdf, (byte) 0xa3};
    private static final int HEAD = 64;

    private FileTypes() {
    }

    /**
     * The type the file's content is, or {@code null} when it is none of the accepted ones. The file is read as a
     * stream (its first bytes; a zip's central directory; text through a decoder), never whole into memory.
     */
    public static String detect(Path file) throws IOException {
        byte[] data;
        try (InputStream in = Files.newInputStream(file)) {
            data = in.readNBytes(HEAD);
        }
        if (data.length == 0) {
            return null;
        }
        if (startsWith(data, 0, PNG_MAGIC)) {
            return PNG;
        }
        if (data.length >= 3 && (data[0] & 0xff) == 0xff && (data[1] & 0xff) == 0xd8 && (data[2] & 0xff) == 0xff) {
            return JPEG;
        }
        if (startsWith(data, 0, ascii("GIF87a")) || startsWith(data, 0, ascii("GIF89a"))) {
            return GIF;
        }
        if (data.length >= 12 && startsWith(data, 0, ascii("RIFF")) && startsWith(data, 8, ascii("WEBP"))) {
            return WEBP;
        }
        if (startsWith(data, 0, ascii("%PDF-"))) {
            return PDF;
        }
        if (startsWith(data, 0, new byte[] {'P', 'K', 3, 4})) {
            return office(file);
        }
        if (data.length >= 12 && startsWith(data, 4, ascii("ftyp"))) {
            String brand = new String(data, 8, 4, StandardCharsets.US_ASCII).toLowerCase(Locale.ROOT);
            return IMAGE_BRANDS.contains(brand) ? null : MP4;
        }
        if (startsWith(data, 0, EBML_MAGIC)) {
            return indexOf(data, ascii("webm")) > 0 ? WEBM : null;
        }
        return isPlainText(file) ? TEXT : null;
    }

    /**
     * The images, PDF, text and Office documents {@link #detect} knew in 1.3.0 (what comment attachments take); not the
     * videos and plain zips added in 1.4.0, which a caller names itself ({@link #VIDEOS}, {@link #ZIP}).
     */
    public static final Set<String> ALL = Set.of(PNG, JPEG, GIF, WEBP, PDF, TEXT, DOCX, XLSX, PPTX);
    /** Videos a browser plays: MP4 and WebM. @since 1.4.0 */
    public static final Set<String> VIDEOS = Set.of(MP4, WEBM);
    /** Word, Excel and PowerPoint documents (Office Open XML). @since 1.4.0 */
    public static final Set<String> OFFICE = Set.of(DOCX, XLSX, PPTX);
    /** Raster images a browser shows: PNG, JPEG, GIF, WebP (never SVG, which can carry scripts). */
    public static final Set<String> IMAGES = Set.of(PNG, JPEG, GIF, WEBP);

    /**
     * The received file's type as its bytes say, once it is found one of {@code accepted} and agreeing with the type the
     * client declared ({@link #agrees}).
     *
     * @param file        the upload (from {@link UploadService})
     * @param accepted    the types the caller takes (e.g. {@link #ALL}, {@link #IMAGES})
     * @param description the accepted types in words, for the refusal's message ("PNG or JPEG images")
     * @throws UploadService.Refused {@link UploadService.Refused.Reason#EMPTY_FILE} (400 naming {@code file}) for an
     *                               empty file; {@link UploadService.Refused.Reason#UNACCEPTED_TYPE} (415 naming
     *                               {@code file}) when the content is none of {@code accepted} or disagrees with its
     *                               declared type
     * @since 1.3.0
     */
    public static String require(Upload file, Set<String> accepted, String description) {
        if (file.size() == 0) {
            throw refused(UploadService.Refused.Reason.EMPTY_FILE, "empty_file", Map.of());
        }
        String detected;
        try {
            detected = detect(file.file());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (detected == null || !accepted.contains(detected)) {
            throw refused(UploadService.Refused.Reason.UNACCEPTED_TYPE, "unaccepted_type", Map.of("accepted", description));
        }
        if (!agrees(file.contentType(), detected)) {
            throw refused(UploadService.Refused.Reason.UNACCEPTED_TYPE, "type_mismatch",
                    Map.of("declared", file.contentType(), "detected", detected));
        }
        return detected;
    }

    /** The refusal naming the part {@code file}, worded in the request's language (platform texts {@code upload.<code>}). */
    private static UploadService.Refused refused(UploadService.Refused.Reason reason, String code, Map<String, Object> args) {
        String message = Messages.PLATFORM.text("upload." + code, args);
        return new UploadService.Refused(reason, Messages.PLATFORM.text("upload.detail", Map.of("message", message)),
                List.of(new Field(UploadService.FILE_PART, message, code, args)), null);
    }

    /**
     * Whether a client's declared type agrees with the detected one. No declaration, or the generic
     * {@code application/octet-stream}, agrees with anything; parameters ({@code ; charset=…}) are ignored.
     */
    public static boolean agrees(String declared, String detected) {
        if (declared == null || declared.isBlank()) {
            return true;
        }
        String d = declared.split(";", 2)[0].trim().toLowerCase(Locale.ROOT);
        if (d.isEmpty() || d.equals("application/octet-stream") || d.equals(detected)) {
            return true;
        }
        if (detected.equals(ALIASES.get(d))) {
            return true;
        }
        return ZIP_NAMES.contains(d) && (detected.equals(DOCX) || detected.equals(XLSX) || detected.equals(PPTX) || detected.equals(ZIP));
    }

    /**
     * An Office Open XML package is a zip with {@code [Content_Types].xml} and a {@code word/}, {@code xl/} or
     * {@code ppt/} part; any other zip whose central directory can be read is {@link #ZIP}. Names are read from the zip's
     * central directory without inflating anything (no zip bombs); a zip that cannot be read is none of them.
     */
    private static String office(Path file) {
        Set<String> names = new HashSet<>();
        try (ZipFile zip = new ZipFile(file.toFile())) {
            Enumeration<? extends ZipEntry> entries = zip.entries();
            while (entries.hasMoreElements() && names.size() < 10_000) {
                String name = entries.nextElement().getName();
                if (name.length() <= MAX_ZIP_ENTRY_NAME) {
                    names.add(name);
                }
            }
        } catch (IOException | RuntimeException e) {
            return null;
        }
        if (!names.contains("[Content_Types].xml")) {
            return ZIP;
        }
        if (names.stream().anyMatch(n -> n.startsWith("word/"))) {
            return DOCX;
        }
        if (names.stream().anyMatch(n -> n.startsWith("xl/"))) {
            return XLSX;
        }
        if (names.stream().anyMatch(n -> n.startsWith("ppt/"))) {
            return PPTX;
        }
        return ZIP;
    }

    /** Valid UTF-8 (an optional byte-order mark) without NUL or control characters other than tab, CR, LF and form feed. */
    public static boolean isPlainText(Path file) throws IOException {
        CharsetDecoder utf8 = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        try (Reader text = new InputStreamReader(Files.newInputStream(file), utf8)) {
            char[] chunk = new char[8192];
            int n;
            while ((n = text.read(chunk)) >= 0) {
                for (int i = 0; i < n; i++) {
                    char c = chunk[i];
                    if ((c < 0x20 && c != '\t' && c != '\n' && c != '\r' && c != '\f') || c == 0x7f) {
                        return false;
                    }
                }
            }
        } catch (CharacterCodingException e) {
            return false;
        }
        return true;
    }

    private static boolean startsWith(byte[] data, int offset, byte[] prefix) {
        if (data.length < offset + prefix.length) {
            return false;
        }
        for (int i = 0; i < prefix.length; i++) {
            if (data[offset + i] != prefix[i]) {
                return false;
            }
        }
        return true;
    }

    private static int indexOf(byte[] data, byte[] part) {
        outer:
        for (int i = 0; i + part.length <= data.length; i++) {
            for (int j = 0; j < part.length; j++) {
                if (data[i + j] != part[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }

    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }
}
