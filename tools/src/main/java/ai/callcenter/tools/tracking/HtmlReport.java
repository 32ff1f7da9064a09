package ai.callcenter.tools.tracking;

import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One self-contained HTML page for a run: its key figures, its parameters and its pictures embedded
 * as data URIs, so the file opens anywhere (MLflow's artifact viewer, a browser, a mail).
 */
public final class HtmlReport {

    private final String title;
    private final Map<String, String> sections = new LinkedHashMap<>();

    public HtmlReport(String title) {
        this.title = title;
    }

    public HtmlReport table(String heading, Map<String, ?> rows) {
        StringBuilder html = new StringBuilder("<table>");
        rows.forEach((key, value) -> html.append("<tr><th>").append(escape(key)).append("</th><td>")
                .append(escape(String.valueOf(value))).append("</td></tr>"));
        sections.put(heading, html.append("</table>").toString());
        return this;
    }

    public HtmlReport picture(String heading, byte[] png) {
        sections.put(heading, "<img alt=\"" + escape(heading) + "\" src=\"data:image/png;base64,"
                + Base64.getEncoder().encodeToString(png) + "\">");
        return this;
    }

    public String html() {
        StringBuilder html = new StringBuilder("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>")
                .append(escape(title)).append("</title><style>body{font-family:sans-serif;margin:2em;max-width:1000px}"
                        + "table{border-collapse:collapse;margin-bottom:1em}th,td{border:1px solid #ccc;padding:.2em .6em;"
                        + "text-align:left}img{max-width:100%}</style></head><body><h1>")
                .append(escape(title)).append("</h1>\n");
        sections.forEach((heading, body) -> html.append("<h2>").append(escape(heading)).append("</h2>\n").append(body).append('\n'));
        return html.append("</body></html>\n").toString();
    }

    private static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
