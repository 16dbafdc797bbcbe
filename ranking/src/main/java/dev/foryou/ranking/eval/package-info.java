/**
 * Offline evaluation on real public data: loaders ({@link dev.foryou.ranking.eval.RatingLoader},
 * {@link dev.foryou.ranking.eval.OpenBanditLoader}), protocols ({@link
 * dev.foryou.ranking.eval.Protocols}: rating threshold, k-core, random 80/10/10 and temporal
 * leave-last-out splits), metrics ({@link dev.foryou.ranking.eval.Metrics}), baselines (popularity,
 * item-kNN, BPR, iALS, EASE), the engine's own blended {@code foryou} recommender and the {@link
 * dev.foryou.ranking.eval.Evaluation} harness that tunes every model on the validation split and
 * touches the test split once per reported number.
 */
package dev.foryou.ranking.eval;
