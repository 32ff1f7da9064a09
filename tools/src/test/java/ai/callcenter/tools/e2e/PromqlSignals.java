package ai.callcenter.tools.e2e;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The signals an alert expression compares: the operands around its top-level comparisons, {@code and}s and
 * {@code or}s, with {@code absent(x)} read as {@code x} and guards such as {@code or vector(0)} or
 * {@code or x * 0} left out. In a healthy system an alert returns nothing, yet each of its signals must: an empty
 * signal means the alert watches a series that does not exist and can never fire.
 */
final class PromqlSignals {

    private static final Set<String> SET_OPERATORS = Set.of("or", "and", "unless");
    /** A constant series that only fills in for a missing one: {@code vector(0)}, {@code label_replace(vector(0), …)}, {@code x * 0}. */
    private static final Pattern GUARD = Pattern.compile("^(label_replace\\s*\\(\\s*)?vector\\s*\\(.*|.*\\*\\s*0$", Pattern.DOTALL);
    private static final Pattern NUMBER = Pattern.compile("[-+]?(\\d+(\\.\\d*)?|\\.\\d+)([eE][-+]?\\d+)?");
    private static final Pattern MODIFIERS = Pattern.compile(
            "^\\s*(bool\\s+)?((on|ignoring)\\s*\\([^)]*\\)\\s*)?((group_left|group_right)\\s*(\\([^)]*\\))?\\s*)?");
    private static final Pattern ABSENT = Pattern.compile("^absent(_over_time)?\\s*\\((.*)\\)$", Pattern.DOTALL);

    private PromqlSignals() {
    }

    /** The non-constant operands of {@code expr}; the right side of an {@code unless} is left out (its emptiness is normal). */
    static List<String> of(String expr) {
        List<String> signals = new ArrayList<>();
        collect(expr.trim(), signals);
        return signals;
    }

    private static void collect(String expr, List<String> into) {
        String e = unwrap(expr.trim());
        Matcher absent = ABSENT.matcher(e);
        if (absent.matches() && balanced(absent.group(2))) {
            String inner = absent.group(2).trim();
            // absent_over_time(x[5m]) watches x
            into.addAll(of(absent.group(1) != null ? inner.replaceAll("\\[[^\\]]*\\]\\s*$", "") : inner));
            return;
        }
        int[] split = topLevelOperator(e);
        if (split == null) {
            if (!constant(e) && !GUARD.matcher(e).matches()) {
                into.add(e);
            }
            return;
        }
        String operator = e.substring(split[0], split[1]).trim();
        collect(e.substring(0, split[0]), into);
        if (!operator.equals("unless")) {
            String right = e.substring(split[1]);
            Matcher modifiers = MODIFIERS.matcher(right);
            collect(modifiers.lookingAt() ? right.substring(modifiers.end()) : right, into);
        }
    }

    /** The loosest-binding top-level operator; among equals the last (left-associative: it binds loosest). */
    private static int[] topLevelOperator(String e) {
        int depth = 0;
        int[] found = null;
        int foundPrecedence = Integer.MAX_VALUE;
        for (int i = 0; i < e.length(); i++) {
            char c = e.charAt(i);
            if (c == '"' || c == '\'' || c == '`') {
                i = e.indexOf(c, i + 1);
                if (i < 0) {
                    return found;
                }
                continue;
            }
            if (c == '(' || c == '[' || c == '{') {
                depth++;
            } else if (c == ')' || c == ']' || c == '}') {
                depth--;
            } else if (depth == 0) {
                int[] op = operatorAt(e, i);
                if (op != null) {
                    // or binds loosest, then and/unless, then comparisons; among equals the last one splits
                    String name = e.substring(op[0], op[1]).trim();
                    int precedence = name.equals("or") ? 0 : SET_OPERATORS.contains(name) ? 1 : 2;
                    if (precedence <= foundPrecedence) {
                        found = op;
                        foundPrecedence = precedence;
                    }
                    i = op[1] - 1;
                }
            }
        }
        return found;
    }

    /** Numbers and arithmetic on numbers only, such as {@code 14.4 * 0.001}. */
    private static boolean constant(String e) {
        return NUMBER.matcher(e).replaceAll("").replaceAll("[-+*/%^()\\s]", "").isEmpty();
    }

    private static int[] operatorAt(String e, int i) {
        for (String op : List.of(">=", "<=", "==", "!=", ">", "<")) {
            if (e.startsWith(op, i)) {
                return new int[] {i, i + op.length()};
            }
        }
        for (String word : SET_OPERATORS) {
            if (e.startsWith(word, i) && boundary(e, i - 1) && boundary(e, i + word.length())) {
                return new int[] {i, i + word.length()};
            }
        }
        return null;
    }

    private static boolean boundary(String e, int i) {
        return i < 0 || i >= e.length() || !(Character.isLetterOrDigit(e.charAt(i)) || e.charAt(i) == '_' || e.charAt(i) == ':');
    }

    /** {@code (x)} → {@code x} when the parentheses enclose the whole expression. */
    private static String unwrap(String e) {
        while (e.startsWith("(") && e.endsWith(")") && closes(e, 0) == e.length() - 1) {
            e = e.substring(1, e.length() - 1).trim();
        }
        return e;
    }

    private static int closes(String e, int open) {
        int depth = 0;
        for (int i = open; i < e.length(); i++) {
            char c = e.charAt(i);
            if (c == '"') {
                i = e.indexOf('"', i + 1);
                continue;
            }
            if (c == '(') {
                depth++;
            } else if (c == ')' && --depth == 0) {
                return i;
            }
        }
        return -1;
    }

    private static boolean balanced(String e) {
        int depth = 0;
        for (char c : e.toCharArray()) {
            depth += c == '(' ? 1 : c == ')' ? -1 : 0;
            if (depth < 0) {
                return false;
            }
        }
        return depth == 0;
    }
}
