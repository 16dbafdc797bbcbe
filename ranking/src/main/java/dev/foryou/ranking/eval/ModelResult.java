package dev.foryou.ranking.eval;

/**
 * One model's reported numbers.
 *
 * @param model the model's name
 * @param config the validation-chosen configuration
 * @param validationNdcg NDCG@K of the chosen configuration on the validation part
 * @param test the test metrics (the test part touched once)
 * @param trainSeconds wall-clock seconds of the final fit on train + validation
 */
public record ModelResult(
    String model, String config, double validationNdcg, MetricSet test, double trainSeconds) {}
