package ai.callcenter.transformer.encoder;

/** How token vectors become one sentence vector; each encoder was trained for one of these. */
public enum Pooling {
    /** The [CLS] token's vector (BGE models). */
    CLS,
    /** Attention-masked mean of all token vectors (sentence-transformers such as MiniLM). */
    MEAN,
    /** The network pools its own tokens (USE multilingual: a sum scaled by 1/sqrt(tokens), then an MLP). */
    MODEL
}
