package ai.callcenter.agent.pii;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;

/**
 * First and last names read from datafaker's locale files (Apache-2.0, shipped inside the
 * datafaker jar as {@code <locale>.yml}, English as {@code en/name.yml}). Only single-word,
 * capitalised entries are kept; template entries ({@code #{...}}) and multi-word names are dropped.
 * Words of country names and nationalities ({@code en/address.yml}, {@code en/nation.yml}) are
 * removed: "China", "France", "Jordan" are in the name lists, but in a ticket they are almost
 * always places. Such a word still counts as a name after a cue ("my name is Jordan").
 */
public final class NameGazetteer {

    private static final Pattern NAME = Pattern.compile("\\p{Lu}[\\p{L}\\p{M}'’\\-]*\\p{L}");
    private static final Set<String> FIRST_KEYS = Set.of("first_name", "male_first_name", "female_first_name", "neutral_first_name");
    private static final Set<String> LAST_KEYS = Set.of("last_name", "male_last_name", "female_last_name");
    private static final Map<String, String> PLACE_LISTS = Map.of("en/address.yml", "country", "en/nation.yml", "nationality");
    private static final Pattern PLACE_WORD = Pattern.compile("\\p{Lu}[\\p{L}\\p{M}'’\\-]+");

    private final Set<String> firstNames;
    private final Set<String> lastNames;

    public NameGazetteer(Set<String> firstNames, Set<String> lastNames) {
        this.firstNames = Set.copyOf(firstNames);
        this.lastNames = Set.copyOf(lastNames);
    }

    /** Loads the given datafaker locales ({@code en} maps to {@code en/name.yml}) from the classpath. */
    public static NameGazetteer fromDatafaker(Collection<String> locales) {
        Set<String> first = new HashSet<>();
        Set<String> last = new HashSet<>();
        ClassLoader cl = NameGazetteer.class.getClassLoader();
        for (String locale : locales) {
            String resource = "en".equals(locale) ? "en/name.yml" : locale + ".yml";
            try (InputStream in = cl.getResourceAsStream(resource)) {
                if (in == null) {
                    throw new IllegalArgumentException("datafaker locale not on classpath: " + resource);
                }
                LoaderOptions options = new LoaderOptions();
                // Some datafaker locale files exceed SnakeYAML's default 3 MB code-point limit.
                options.setCodePointLimit(Integer.MAX_VALUE);
                collect(new Yaml(options).load(in), null, first, last);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        Set<String> places = placeWords(cl);
        first.removeAll(places);
        last.removeAll(places);
        return new NameGazetteer(first, last);
    }

    /** Capitalised words of datafaker's English country and nationality lists. */
    private static Set<String> placeWords(ClassLoader cl) {
        Set<String> words = new HashSet<>();
        PLACE_LISTS.forEach((resource, key) -> {
            try (InputStream in = cl.getResourceAsStream(resource)) {
                if (in == null) {
                    throw new IllegalArgumentException("datafaker resource not on classpath: " + resource);
                }
                List<String> entries = new ArrayList<>();
                listsUnder(new Yaml().load(in), key, entries);
                for (String entry : entries) {
                    Matcher m = PLACE_WORD.matcher(entry);
                    while (m.find()) {
                        words.add(m.group());
                    }
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
        return words;
    }

    private static void listsUnder(Object node, String key, List<String> out) {
        if (node instanceof Map<?, ?> map) {
            map.forEach((k, v) -> {
                if (key.equals(String.valueOf(k)) && v instanceof List<?> list) {
                    list.forEach(item -> out.add(String.valueOf(item)));
                } else {
                    listsUnder(v, key, out);
                }
            });
        }
    }

    private static void collect(Object node, String key, Set<String> first, Set<String> last) {
        if (node instanceof Map<?, ?> map) {
            map.forEach((k, v) -> collect(v, String.valueOf(k), first, last));
        } else if (node instanceof List<?> list && key != null) {
            Set<String> target = FIRST_KEYS.contains(key) ? first : LAST_KEYS.contains(key) ? last : null;
            if (target == null) {
                list.forEach(item -> collect(item, null, first, last));
                return;
            }
            for (Object item : list) {
                String s = String.valueOf(item).trim();
                if (NAME.matcher(s).matches()) {
                    target.add(s);
                }
            }
        }
    }

    public boolean isFirstName(String token) {
        return firstNames.contains(token) || firstNames.contains(capitalise(token));
    }

    public boolean isLastName(String token) {
        return lastNames.contains(token) || lastNames.contains(capitalise(token));
    }

    public boolean isName(String token) {
        return isFirstName(token) || isLastName(token);
    }

    public int size() {
        return firstNames.size() + lastNames.size();
    }

    static String capitalise(String token) {
        if (token.isEmpty()) {
            return token;
        }
        return token.substring(0, 1).toUpperCase(Locale.ROOT) + token.substring(1).toLowerCase(Locale.ROOT);
    }
}
