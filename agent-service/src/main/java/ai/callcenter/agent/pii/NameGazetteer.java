package ai.callcenter.agent.pii;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.BiConsumer;
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
        Set<String> nameKeys = new HashSet<>(FIRST_KEYS);
        nameKeys.addAll(LAST_KEYS);
        for (String locale : locales) {
            String resource = "en".equals(locale) ? "en/name.yml" : locale + ".yml";
            listsUnder(loadYaml(resource), null, nameKeys, (key, list) -> {
                Set<String> target = FIRST_KEYS.contains(key) ? first : last;
                for (Object item : list) {
                    String s = String.valueOf(item).trim();
                    if (NAME.matcher(s).matches()) {
                        target.add(s);
                    }
                }
            });
        }
        Set<String> places = placeWords();
        first.removeAll(places);
        last.removeAll(places);
        return new NameGazetteer(first, last);
    }

    /** Capitalised words of datafaker's English country and nationality lists. */
    private static Set<String> placeWords() {
        Set<String> words = new HashSet<>();
        PLACE_LISTS.forEach((resource, key) -> listsUnder(loadYaml(resource), null, Set.of(key), (k, list) -> {
            for (Object entry : list) {
                Matcher m = PLACE_WORD.matcher(String.valueOf(entry));
                while (m.find()) {
                    words.add(m.group());
                }
            }
        }));
        return words;
    }

    private static Object loadYaml(String resource) {
        try (InputStream in = NameGazetteer.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalArgumentException("datafaker resource not on classpath: " + resource);
            }
            LoaderOptions options = new LoaderOptions();
            // Some datafaker locale files exceed SnakeYAML's default 3 MB code-point limit.
            options.setCodePointLimit(Integer.MAX_VALUE);
            return new Yaml(options).load(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Hands every list held under one of {@code keys}, anywhere in a parsed YAML tree, to {@code sink}. */
    private static void listsUnder(Object node, String key, Set<String> keys, BiConsumer<String, List<?>> sink) {
        if (node instanceof Map<?, ?> map) {
            map.forEach((k, v) -> listsUnder(v, String.valueOf(k), keys, sink));
        } else if (node instanceof List<?> list && key != null) {
            if (keys.contains(key)) {
                sink.accept(key, list);
            } else {
                list.forEach(item -> listsUnder(item, null, keys, sink));
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
