package ai.callcenter.agent.pii;

/** The kinds of personal data the scrubber recognises; each is replaced by {@link #placeholder()}. */
public enum PiiType {
    EMAIL,
    PHONE,
    CREDIT_CARD,
    IBAN,
    IP_ADDRESS,
    URL,
    US_SSN,
    NATIONAL_ID,
    DATE_OF_BIRTH,
    PERSON,
    STREET_ADDRESS;

    /** Typed placeholder written in place of a detected value, e.g. {@code <EMAIL>}. */
    public String placeholder() {
        return "<" + name() + ">";
    }
}
