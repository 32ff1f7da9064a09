package ai.callcenter.agent.pii;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import opennlp.tools.namefind.NameFinderME;
import opennlp.tools.namefind.NameSample;
import opennlp.tools.namefind.TokenNameFinderFactory;
import opennlp.tools.namefind.TokenNameFinderModel;
import opennlp.tools.util.ObjectStreamUtils;
import opennlp.tools.util.Span;
import opennlp.tools.util.TrainingParameters;

/**
 * Person names and street addresses from an Apache OpenNLP maximum-entropy name finder
 * (opennlp-tools, Apache-2.0) trained on the TRAIN templates of the presidio synthetic data
 * (see {@link NameModelTraining}; held-out templates are never read).
 * <p>Tokens are runs of letters/marks/digits or single other non-space characters, so that
 * a span maps back to exact character offsets. Dataset types are mapped by {@link #TRAINED_TYPES};
 * other dataset types are trained as their own classes (so the model learns that a city or a
 * company is not a person) but never reported. A model is immutable once trained; the decoder
 * ({@link NameFinderME}) is not thread-safe, so each thread gets its own.
 */
public final class NameFinderRecognizer implements Recognizer {

    /** Dataset type to reported type; ZIP_CODE is part of a postal address. */
    static final Map<String, PiiType> TRAINED_TYPES = Map.of(
            "PERSON", PiiType.PERSON,
            "STREET_ADDRESS", PiiType.STREET_ADDRESS,
            "ZIP_CODE", PiiType.STREET_ADDRESS);

    private static final Pattern TOKEN = Pattern.compile("[\\p{L}\\p{M}\\p{N}]+|\\S");

    private final TokenNameFinderModel model;
    private final double minProbability;
    private final Set<String> edgeWords;
    private final ThreadLocal<NameFinderME> finder;

    /**
     * @param model          trained name finder
     * @param minProbability spans the decoder is less sure of are dropped
     * @param edgeWords      lower-cased common words that a span may not start or end with
     *                       ("and", "see", "office"): the model often runs one token too far
     */
    public NameFinderRecognizer(TokenNameFinderModel model, double minProbability, Set<String> edgeWords) {
        this.model = model;
        this.minProbability = minProbability;
        this.edgeWords = Set.copyOf(edgeWords);
        this.finder = ThreadLocal.withInitial(() -> new NameFinderME(model));
    }

    /** Trains the name finder on the given sentences (deterministic: GIS maxent, one thread). */
    public static TokenNameFinderModel train(List<PresidioDataset.Sample> sentences, int iterations, int cutoff) {
        List<NameSample> samples = new ArrayList<>();
        for (PresidioDataset.Sample s : sentences) {
            samples.add(sample(s));
        }
        TrainingParameters params = TrainingParameters.defaultParams();
        params.put(TrainingParameters.ITERATIONS_PARAM, iterations);
        params.put(TrainingParameters.CUTOFF_PARAM, cutoff);
        params.put(TrainingParameters.THREADS_PARAM, 1);
        try {
            return NameFinderME.train("en", null, ObjectStreamUtils.createObjectStream(samples), params, new TokenNameFinderFactory());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static byte[] serialize(TokenNameFinderModel model) {
        try (ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            model.serialize(out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static TokenNameFinderModel deserialize(byte[] bytes) {
        try {
            return new TokenNameFinderModel(new ByteArrayInputStream(bytes));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public TokenNameFinderModel model() {
        return model;
    }

    static NameSample sample(PresidioDataset.Sample s) {
        List<int[]> toks = tokenize(s.text());
        String[] words = words(s.text(), toks);
        List<Span> names = new ArrayList<>();
        List<PresidioDataset.GoldSpan> entities = new ArrayList<>(s.spans());
        entities.sort(Comparator.comparingInt(PresidioDataset.GoldSpan::start));
        int lastEnd = -1;
        for (PresidioDataset.GoldSpan e : entities) {
            int first = -1;
            int last = -1;
            for (int i = 0; i < toks.size(); i++) {
                if (toks.get(i)[0] < e.end() && e.start() < toks.get(i)[1]) {
                    if (first < 0) {
                        first = i;
                    }
                    last = i;
                }
            }
            if (first < 0 || first <= lastEnd) {
                continue; // empty or overlapping gold span
            }
            PiiType mapped = TRAINED_TYPES.get(e.type());
            names.add(new Span(first, last + 1, mapped != null ? mapped.name() : e.type()));
            lastEnd = last;
        }
        return new NameSample(words, names.toArray(new Span[0]), true);
    }

    @Override
    public List<PiiSpan> find(String text) {
        List<int[]> toks = tokenize(text);
        if (toks.isEmpty()) {
            return List.of();
        }
        NameFinderME f = finder.get();
        Span[] spans = f.find(words(text, toks));
        double[] probs = f.probs(spans);
        f.clearAdaptiveData();
        List<PiiSpan> out = new ArrayList<>();
        for (int i = 0; i < spans.length; i++) {
            PiiType type = typeOf(spans[i].getType());
            if (type == null || probs[i] < minProbability) {
                continue;
            }
            int lo = spans[i].getStart();
            int hi = spans[i].getEnd() - 1;
            while (lo <= hi && isEdgeWord(text, toks.get(lo))) {
                lo++;
            }
            while (hi >= lo && isEdgeWord(text, toks.get(hi))) {
                hi--;
            }
            if (lo <= hi) {
                out.add(new PiiSpan(type, toks.get(lo)[0], toks.get(hi)[1]));
            }
        }
        return out;
    }

    private boolean isEdgeWord(String text, int[] tok) {
        String w = text.substring(tok[0], tok[1]);
        return !Character.isLetterOrDigit(w.charAt(0)) || edgeWords.contains(w.toLowerCase(Locale.ROOT));
    }

    private static PiiType typeOf(String outcome) {
        for (PiiType t : PiiType.values()) {
            if (t.name().equals(outcome)) {
                return t == PiiType.PERSON || t == PiiType.STREET_ADDRESS ? t : null;
            }
        }
        return null;
    }

    static List<int[]> tokenize(String text) {
        List<int[]> out = new ArrayList<>();
        Matcher m = TOKEN.matcher(text);
        while (m.find()) {
            out.add(new int[] {m.start(), m.end()});
        }
        return out;
    }

    private static String[] words(String text, List<int[]> toks) {
        String[] w = new String[toks.size()];
        for (int i = 0; i < w.length; i++) {
            w[i] = text.substring(toks.get(i)[0], toks.get(i)[1]);
        }
        return w;
    }
}
