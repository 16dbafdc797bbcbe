package dev.foryou.ranking.embed;

/**
 * A trained latent-factor model: one vector per user and per item in a shared {@link #dimension()}
 * -dimensional space where the dot product scores a (user, item) pair.
 *
 * <p>Item indexes are the dense indexes of the {@link FeedbackMatrix} it was trained on (by
 * convention the catalog's video indexes), so {@link #itemVector} can be upserted into the catalog
 * as the video's embedding. {@link #foldIn} computes a vector for a user from recent interactions
 * without retraining (the iALS closed-form user solve against the fixed item factors). A model is
 * an immutable snapshot: thread-safe; retraining produces a new model to swap in atomically.
 */
public interface EmbeddingModel extends UserVectorSource {

  /** Returns the number of factors per vector. */
  int dimension();

  /** Returns the number of users the model was trained with. */
  int users();

  /** Returns the number of items the model was trained with. */
  int items();

  /**
   * Copies a trained user's vector into {@code out}.
   *
   * @param user a dense user index
   * @param out at least {@link #dimension()} floats
   * @return false (out untouched) if the user is out of range or had no feedback
   */
  @Override
  boolean userVector(int user, float[] out);

  /**
   * Copies an item's vector into {@code out}, e.g. to upsert it into the catalog.
   *
   * @param item a dense item index
   * @param out at least {@link #dimension()} floats
   * @return false (out untouched) if the item is out of range or had no feedback in training (give
   *     it a {@link ContentVectors content vector} instead)
   */
  boolean itemVector(int item, float[] out);

  /**
   * Returns whether an item had feedback in training (and so has a learned vector).
   *
   * @param item a dense item index (any int)
   * @return true if {@link #itemVector} would succeed
   */
  boolean hasItemVector(int item);

  /**
   * Returns the model's score for a pair (the dot product), 0 if either side has no vector.
   *
   * @param user a dense user index
   * @param item a dense item index
   * @return the score
   */
  float score(int user, int item);

  /**
   * Folds in a user vector from recent feedback against the fixed item factors: the exact iALS user
   * solve {@code (YᵀY + λI + Σ (cᵢ−1) yᵢyᵢᵀ) x = Σ cᵢ pᵢ yᵢ} with confidence {@code cᵢ = 1 + α|vᵢ|}
   * and preference {@code pᵢ = [vᵢ > 0]}, so negative strengths pull the vector away from the item.
   * Items without a learned vector are ignored. Costs {@code O(n·d² + d³)}; allocates two small
   * scratch arrays.
   *
   * @param items item indexes; out-of-range items are ignored
   * @param strengths signed strengths (see {@link ImplicitFeedback}), parallel to {@code items}
   * @param count how many leading entries of the arrays to use, in {@code [0, items.length]}
   * @param out receives the vector, at least {@link #dimension()} floats
   * @return false (out untouched) if no entry referenced an item with a vector
   * @throws IllegalArgumentException if {@code count} is out of range or a strength is not finite
   */
  boolean foldIn(int[] items, float[] strengths, int count, float[] out);
}
