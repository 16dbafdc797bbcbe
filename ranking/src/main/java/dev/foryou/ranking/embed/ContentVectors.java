package dev.foryou.ranking.embed;

import dev.foryou.core.catalog.Catalog;
import java.util.Objects;

/**
 * Vectors for new videos from their content until they have interactions: the mean of the
 * per-feature centroids of trained item vectors sharing the video's creator, each of its hashtags
 * and its sound (each present feature weighs the same).
 *
 * <p>Design: the "attribute-to-feature mapping" idea of Gantner et al. (ICDM 2010), in its simplest
 * form (an unweighted centroid per attribute value) so a fresh video lands next to its creator's
 * and topic's existing videos in the ANN index. Immutable after creation and thread-safe.
 */
public final class ContentVectors {

  private final int dim;
  private final float[][] creators;
  private final float[][] hashtags;
  private final float[][] sounds;

  private ContentVectors(int dim, float[][] creators, float[][] hashtags, float[][] sounds) {
    this.dim = dim;
    this.creators = creators;
    this.hashtags = hashtags;
    this.sounds = sounds;
  }

  /**
   * Builds centroids from per-item side features aligned with the model's item indexes.
   *
   * @param model the trained model (only items with a vector contribute)
   * @param itemCreator creator index per item ({@code -1} for none)
   * @param itemHashtags hashtag indexes per item (null or empty for none)
   * @param itemSound sound index per item ({@code -1} for none)
   * @return the content encoder
   * @throws IllegalArgumentException if the arrays differ in length or hold an index below -1
   */
  public static ContentVectors of(
      EmbeddingModel model, int[] itemCreator, int[][] itemHashtags, int[] itemSound) {
    Objects.requireNonNull(model, "model");
    int n = itemCreator.length;
    if (itemHashtags.length != n || itemSound.length != n) {
      throw new IllegalArgumentException(
          "feature arrays differ in length: "
              + n
              + ", "
              + itemHashtags.length
              + ", "
              + itemSound.length);
    }
    int dim = model.dimension();
    Acc creators = new Acc(dim);
    Acc tags = new Acc(dim);
    Acc sounds = new Acc(dim);
    float[] v = new float[dim];
    for (int item = 0; item < n; item++) {
      if (!model.itemVector(item, v)) {
        continue;
      }
      creators.add(itemCreator[item], v);
      if (itemHashtags[item] != null) {
        for (int h : itemHashtags[item]) {
          tags.add(h, v);
        }
      }
      sounds.add(itemSound[item], v);
    }
    return new ContentVectors(dim, creators.means(), tags.means(), sounds.means());
  }

  /**
   * Builds centroids from a catalog whose video indexes are the model's item indexes.
   *
   * @param catalog the catalog (live videos are read once, now)
   * @param model the trained model
   * @return the content encoder
   */
  public static ContentVectors fromCatalog(Catalog catalog, EmbeddingModel model) {
    int n = Math.min(catalog.indexBound(), model.items());
    int[] creator = new int[n];
    int[][] tags = new int[n][];
    int[] sound = new int[n];
    for (int v = 0; v < n; v++) {
      if (catalog.isLive(v)) {
        creator[v] = catalog.creator(v);
        tags[v] = catalog.hashtags(v);
        sound[v] = catalog.sound(v);
      } else {
        creator[v] = -1;
        sound[v] = -1;
      }
    }
    return of(model, creator, tags, sound);
  }

  /** Returns the vector dimension. */
  public int dimension() {
    return dim;
  }

  /**
   * Computes a content vector for a video with the given features.
   *
   * @param creator creator index or -1
   * @param hashtags hashtag indexes (may be empty)
   * @param sound sound index or -1
   * @param out receives the vector, at least {@link #dimension()} floats
   * @return false (out untouched) if no feature has a centroid (a new creator with new hashtags and
   *     sound)
   */
  public boolean contentVector(int creator, int[] hashtags, int sound, float[] out) {
    if (out.length < dim) {
      throw new IllegalArgumentException("out length " + out.length + " < dimension " + dim);
    }
    int count = 0;
    float[] sum = new float[dim];
    count += addIf(this.creators, creator, sum);
    for (int h : hashtags) {
      count += addIf(this.hashtags, h, sum);
    }
    count += addIf(this.sounds, sound, sum);
    if (count == 0) {
      return false;
    }
    for (int i = 0; i < dim; i++) {
      out[i] = sum[i] / count;
    }
    return true;
  }

  private static int addIf(float[][] centroids, int index, float[] sum) {
    if (index < 0 || index >= centroids.length || centroids[index] == null) {
      return 0;
    }
    float[] c = centroids[index];
    for (int i = 0; i < sum.length; i++) {
      sum[i] += c[i];
    }
    return 1;
  }

  private static final class Acc {
    private final int dim;
    private float[][] sums = new float[16][];
    private int[] counts = new int[16];

    Acc(int dim) {
      this.dim = dim;
    }

    void add(int key, float[] v) {
      if (key < -1) {
        throw new IllegalArgumentException("feature index must be >= -1: " + key);
      }
      if (key < 0) {
        return;
      }
      if (key >= sums.length) {
        int len = Math.max(key + 1, sums.length * 2);
        sums = java.util.Arrays.copyOf(sums, len);
        counts = java.util.Arrays.copyOf(counts, len);
      }
      if (sums[key] == null) {
        sums[key] = new float[dim];
      }
      float[] s = sums[key];
      for (int i = 0; i < dim; i++) {
        s[i] += v[i];
      }
      counts[key]++;
    }

    float[][] means() {
      for (int k = 0; k < sums.length; k++) {
        if (sums[k] != null) {
          for (int i = 0; i < dim; i++) {
            sums[k][i] /= counts[k];
          }
        }
      }
      return sums;
    }
  }
}
