package ai.callcenter.agent.language;

import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Spelling markers that separate Danish, Norwegian (Bokmål, Nynorsk and the written dialects) and
 * Swedish, whose n-gram profiles overlap so much that lingua often picks the wrong one on a short
 * command. Each list holds frequent function words and command verbs in the spelling that only
 * that group uses (Danish "af/hvad/sne/sluk", Norwegian "av/hva/kva/ikkje/snø/når", Swedish
 * "jag/inte/och/vad/snö"); a word shared by two groups ("av" no+sv, "mig" da+sv, "og" da+no)
 * counts for both, so it only separates them from the third. The lists are general vocabulary
 * (standard orthographies plus the most frequent dialect forms of "what/how/I/me/is/to" in written
 * Norwegian), not taken from evaluation data.
 */
final class NordicMarkers {

    enum Group { DANISH, NORWEGIAN, SWEDISH }

    private static final Pattern WORD = Pattern.compile("\\p{L}+");

    private static final Set<String> DA = Set.of("af", "hvad", "mig", "dig", "sig", "nu", "efter", "næste", "vejr", "vejret", "uge", "ugen", "lidt",
            "koldt", "igen", "søg", "tilføj", "påmindelse", "påmindelser", "påmindelsen", "hvornår", "ude", "nogen", "noget", "nogle", "meget", "sne",
            "sluk", "spil", "afspil", "slet", "sæt", "læg", "bestil", "tak", "venligst", "tænd", "biograf", "fortæl", "hjælp", "køb", "købe", "aflys", "sidste",
            "og", "er", "jeg", "ikke", "hvordan", "hvilken", "alle");
    private static final Set<String> NO = Set.of("å", "ikkje", "ikkj", "itj", "ittj", "eg", "kva", "ka", "kor", "korleis", "koss", "kordan", "korsen",
            "kem", "mæ", "dæ", "sæ", "æ", "e", "meg", "deg", "seg", "nå", "etter", "neste", "været", "uke", "uka", "litt", "kaldt", "igjen", "søk", "legg",
            "påminnelse", "påminnelser", "påminnelsen", "påminning", "når", "ute", "noen", "noe", "mye", "bli", "blir", "snø", "spill", "slett", "sett",
            "bestill", "avlys", "takk", "vennligst", "kino", "fortell", "hjelp", "kjøp", "kjøpe", "kveld", "ein", "eit", "berre", "òg", "frå", "te", "tel",
            "lag", "siste", "gje", "gjer", "morra", "mårra", "korr", "katti", "kati", "koffor", "av", "og", "er", "jeg", "ikke", "hvordan", "hvilken", "alle");
    private static final Set<String> SV = Set.of("jag", "inte", "och", "är", "vad", "hur", "mig", "dig", "sig", "nu", "efter", "nästa", "vädret",
            "väder", "vecka", "veckan", "lite", "kallt", "igen", "sök", "lägg", "påminnelse", "påminnelser", "när", "ute", "någon", "något", "några",
            "mycket", "bli", "blir", "snö", "spela", "sätt", "beställ", "tack", "berätta", "hjälp", "köp", "köpa", "kväll", "alla", "vilken", "sista", "av", "visa");
    /** Infinitive markers: Danish "til at regne", Norwegian "til å regne". */
    private static final Map<List<String>, Group> BIGRAMS = Map.of(
            List.of("til", "at"), Group.DANISH, List.of("til", "å"), Group.NORWEGIAN, List.of("te", "å"), Group.NORWEGIAN);

    private NordicMarkers() {
    }

    /** The groups sharing the highest marker count in the text (empty when it has no marker). */
    static Set<Group> decide(String text) {
        Map<Group, Integer> hits = new EnumMap<>(Group.class);
        Matcher m = WORD.matcher(text.toLowerCase(Locale.ROOT));
        String prev = null;
        while (m.find()) {
            String w = m.group();
            if (DA.contains(w)) {
                hits.merge(Group.DANISH, 1, Integer::sum);
            }
            if (NO.contains(w)) {
                hits.merge(Group.NORWEGIAN, 1, Integer::sum);
            }
            if (SV.contains(w)) {
                hits.merge(Group.SWEDISH, 1, Integer::sum);
            }
            if (prev != null) {
                Group g = BIGRAMS.get(List.of(prev, w));
                if (g != null) {
                    hits.merge(g, 1, Integer::sum);
                }
            }
            prev = w;
        }
        int top = hits.values().stream().mapToInt(Integer::intValue).max().orElse(0);
        Set<Group> best = EnumSet.noneOf(Group.class);
        hits.forEach((g, n) -> {
            if (n == top) {
                best.add(g);
            }
        });
        return best;
    }
}
