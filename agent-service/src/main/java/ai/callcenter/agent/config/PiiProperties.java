package ai.callcenter.agent.config;

import ai.callcenter.agent.pii.PiiOptions;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;

/** {@code callcenter.pii.*}: see {@link PiiOptions} for the meaning of each field. */
@ConfigurationProperties("callcenter.pii")
public record PiiProperties(List<String> phoneRegions, int phoneMinDigits, List<String> nameLocales, int cueWindow, int personMaxTokens, int addressMaxLines,
                            String nameModelTrainingData, String nameModelCacheDir, String nameModelDir) {

    public PiiOptions toOptions() {
        return new PiiOptions(phoneRegions, phoneMinDigits, nameLocales, cueWindow, personMaxTokens, addressMaxLines, nameModelTrainingData, nameModelCacheDir, nameModelDir);
    }
}
