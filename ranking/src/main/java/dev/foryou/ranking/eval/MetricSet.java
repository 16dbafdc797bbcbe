package dev.foryou.ranking.eval;

/**
 * Averaged ranking metrics of one model on one split part.
 *
 * @param k the cut-off
 * @param ndcg mean NDCG@K
 * @param recall mean Recall@K
 * @param hitRate mean HitRate@K
 * @param mrr mean reciprocal rank within the top K
 * @param coverage share of the catalog recommended to at least one user in a top K
 * @param novelty mean self-information of recommended items (bits)
 * @param users users evaluated (those with at least one held-out item)
 */
public record MetricSet(
    int k,
    double ndcg,
    double recall,
    double hitRate,
    double mrr,
    double coverage,
    double novelty,
    int users) {}
