package ai.callcenter.infrastructure;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * A small parser for nginx configuration files: directives (name, arguments) with optional blocks. Enough to read
 * the API gateway's nginx.conf in tests (no include resolution, no variables evaluated).
 */
public final class NginxConf {

    /** One directive: {@code name args...;} or {@code name args... { children }}. */
    public record Directive(String name, List<String> args, List<Directive> children) {
        public boolean isBlock() {
            return children != null;
        }

        public List<Directive> all(String directive) {
            return children == null ? List.of() : children.stream().filter(d -> d.name().equals(directive)).toList();
        }

        public Optional<Directive> first(String directive) {
            return all(directive).stream().findFirst();
        }

        /** This directive and every directive nested in it, depth first. */
        public Stream<Directive> walk() {
            return Stream.concat(Stream.of(this), children == null ? Stream.empty() : children.stream().flatMap(Directive::walk));
        }

        public String arg(int i) {
            return i < args.size() ? args.get(i) : null;
        }

        @Override
        public String toString() {
            return name + " " + String.join(" ", args) + (isBlock() ? " {...}" : ";");
        }
    }

    private final String text;
    private int pos;

    private NginxConf(String text) {
        this.text = text;
    }

    /** The whole file as the children of a block named "main". */
    public static Directive parse(String text) {
        NginxConf p = new NginxConf(text);
        List<Directive> children = p.block(false);
        return new Directive("main", List.of(), children);
    }

    private List<Directive> block(boolean nested) {
        List<Directive> out = new ArrayList<>();
        List<String> words = new ArrayList<>();
        while (true) {
            String token = next();
            if (token == null) {
                if (nested || !words.isEmpty()) {
                    throw new IllegalArgumentException("unexpected end of the configuration");
                }
                return out;
            }
            switch (token) {
                case ";" -> {
                    out.add(new Directive(words.get(0), List.copyOf(words.subList(1, words.size())), null));
                    words.clear();
                }
                case "{" -> {
                    List<Directive> children = block(true);
                    out.add(new Directive(words.get(0), List.copyOf(words.subList(1, words.size())), children));
                    words.clear();
                }
                case "}" -> {
                    if (!nested || !words.isEmpty()) {
                        throw new IllegalArgumentException("unexpected } at " + pos);
                    }
                    return out;
                }
                default -> words.add(token);
            }
        }
    }

    /** The next token: a word (quotes removed), ";", "{" or "}"; null at the end. Comments are skipped. */
    private String next() {
        while (pos < text.length()) {
            char c = text.charAt(pos);
            if (Character.isWhitespace(c)) {
                pos++;
            } else if (c == '#') {
                while (pos < text.length() && text.charAt(pos) != '\n') {
                    pos++;
                }
            } else {
                break;
            }
        }
        if (pos >= text.length()) {
            return null;
        }
        char c = text.charAt(pos);
        if (c == ';' || c == '{' || c == '}') {
            pos++;
            return String.valueOf(c);
        }
        StringBuilder sb = new StringBuilder();
        if (c == '\'' || c == '"') {
            pos++;
            while (pos < text.length() && text.charAt(pos) != c) {
                if (text.charAt(pos) == '\\' && pos + 1 < text.length()) {
                    pos++;
                }
                sb.append(text.charAt(pos++));
            }
            pos++;
            return sb.toString();
        }
        while (pos < text.length()) {
            char d = text.charAt(pos);
            if (Character.isWhitespace(d) || d == ';' || d == '{' || d == '}' || d == '\'' || d == '"') {
                break;
            }
            sb.append(d);
            pos++;
        }
        return sb.toString();
    }
}
