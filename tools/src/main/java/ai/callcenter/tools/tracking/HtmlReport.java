package ai.callcenter.tools.tracking;

import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * One self-contained HTML page for a run: its key figures, its parameters and its pictures embedded
 * as data URIs, so the file opens anywhere (MLflow's artifact viewer, a browser, a mail).
 */
public final class HtmlReport {

    private final String title;
    private final Map<String, String> sections = new LinkedHashMap<>();
    private final Map<String, String> pictures = new LinkedHashMap<>();

    public HtmlReport(String title) {
        this.title = title;
    }

    public HtmlReport table(String heading, Map<String, ?> rows) {
        StringBuilder html = new StringBuilder("<table>");
        rows.forEach((key, value) -> html.append("<tr><th>").append(escape(key)).append("</th><td>")
                .append(escape(format(value))).append("</td></tr>"));
        sections.put(heading, html.append("</table>").toString());
        return this;
    }

    /** Pictures sit side by side, two to a row, in the order added. */
    public HtmlReport picture(String heading, byte[] png) {
        pictures.put(heading, "<figure><figcaption>" + escape(heading) + "</figcaption><img alt=\"" + escape(heading)
                + "\" src=\"data:image/png;base64," + Base64.getEncoder().encodeToString(png) + "\"></figure>");
        return this;
    }

    public String html() {
        StringBuilder html = new StringBuilder("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>")
                .append(escape(title)).append("</title><style>body{font-family:sans-serif;margin:2em;max-width:1000px}"
                        + "table{border-collapse:collapse;margin-bottom:1em}th,td{border:1px solid #ccc;padding:.2em .6em;"
                        + "text-align:left;word-break:break-all}.pictures{display:flex;flex-wrap:wrap;gap:1em}"
                        + "figure{margin:0;width:calc(50% - .5em)}figcaption{font-weight:bold}img{width:100%}"
                        + "</style></head><body><h1>")
                .append(escape(title)).append("</h1>\n");
        // the key figures first, then the pictures, then the long tables
        boolean picturesShown = pictures.isEmpty();
        int section = 0;
        for (Map.Entry<String, String> entry : sections.entrySet()) {
            html.append("<h2>").append(escape(entry.getKey())).append("</h2>\n").append(entry.getValue()).append('\n');
            if (++section == 1 && !picturesShown) {
                html.append("<div class=\"pictures\">").append(String.join("", pictures.values())).append("</div>\n");
                picturesShown = true;
            }
        }
        if (!picturesShown) {
            html.append("<div class=\"pictures\">").append(String.join("", pictures.values())).append("</div>\n");
        }
        return html.append("</body></html>\n").toString();
    }

    /** Ratios and seconds to four decimals; everything else as it prints. */
    private static String format(Object value) {
        return value instanceof Double d ? String.format(Locale.ROOT, "%.4f", d) : String.valueOf(value);
    }

    private static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
