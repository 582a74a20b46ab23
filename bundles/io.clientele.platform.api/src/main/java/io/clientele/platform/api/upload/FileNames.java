package io.clientele.platform.api.upload;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

/** File names of uploads: stored without any path, and sent back in a Content-Disposition that cannot be broken.
 *
 * @since 1.3.0 (was the customer module's own)
 */
public final class FileNames {

    public static final int MAX_LENGTH = 255;

    private FileNames() {
    }

    /** The last path segment, without control characters, at most 255 characters; "attachment" when nothing is left. */
    public static String sanitize(String name) {
        if (name == null) {
            return "attachment";
        }
        String base = name.substring(Math.max(name.lastIndexOf('/'), name.lastIndexOf('\\')) + 1);
        StringBuilder sb = new StringBuilder();
        base.codePoints().filter(c -> !Character.isISOControl(c)).forEach(sb::appendCodePoint);
        String clean = sb.toString().strip();
        if (clean.isEmpty() || clean.equals(".") || clean.equals("..")) {
            return "attachment";
        }
        return clean.length() <= MAX_LENGTH ? clean : clean.substring(0, MAX_LENGTH);
    }

    /** {@code attachment; filename="<ASCII fallback>"; filename*=UTF-8''<percent-encoded>} (RFC 6266). */
    public static String contentDisposition(String name) {
        StringBuilder ascii = new StringBuilder();
        for (char c : name.toCharArray()) {
            ascii.append(c >= 0x20 && c < 0x7f && c != '"' && c != '\\' ? c : '_');
        }
        String encoded = URLEncoder.encode(name, StandardCharsets.UTF_8).replace("+", "%20");
        return "attachment; filename=\"" + ascii + "\"; filename*=UTF-8''" + encoded;
    }
}
