package org.treasuremarkers.model.train;

/**
 * What one averaging round did.
 *
 * @param examples sequences fitted
 * @param tokens real (non-padding) input positions processed
 * @param lossTokens positions in the loss
 * @param lossPerToken mean training cross-entropy per loss token (nats) over the round (see the source's doc)
 */
public record RoundResult(long examples, long tokens, long lossTokens, double lossPerToken) {}
