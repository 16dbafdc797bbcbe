package dev.foryou.ranking.candidate;

import dev.foryou.core.catalog.Catalog;
import dev.foryou.core.signal.AffinityKind;
import dev.foryou.core.signal.SignalStore;
import dev.foryou.ranking.embed.UserVectorSource;

/*
 * Design: an online fold-in without trained user factors — the user's vector is the recency-decayed,
 * engagement-weighted mean of the catalog embeddings of their recent history, in the spirit of the
 * "average of watched item embeddings" user tower of Covington, Adams & Sargin (RecSys 2016).
 * Engagement weight comes from the signal store's decayed affinities to each video's category and
 * creator, so videos of skipped topics (negative affinity) pull the vector away.
 */
final class HistoryUserVectors implements UserVectorSource {
  private static final ThreadLocal<float[][]> BUF = new ThreadLocal<>();
  private final Catalog catalog;
  private final SignalStore signals;
  private final int historyLength;
  private final float recencyDecay;

  HistoryUserVectors(Catalog catalog, SignalStore signals, int historyLength, float recencyDecay) {
    if (historyLength < 1) {
      throw new IllegalArgumentException("historyLength must be >= 1: " + historyLength);
    }
    if (!(recencyDecay > 0 && recencyDecay <= 1)) {
      throw new IllegalArgumentException("recencyDecay must be in (0, 1]: " + recencyDecay);
    }
    this.catalog = catalog;
    this.signals = signals;
    this.historyLength = historyLength;
    this.recencyDecay = recencyDecay;
  }

  @Override
  public boolean userVector(int user, float[] out) {
    int dim = catalog.dimension();
    float[][] b = BUF.get();
    if (b == null || b[0].length != dim || b[1].length != historyLength) {
      b = new float[][] {new float[dim], new float[historyLength]};
      BUF.set(b);
    }
    float[] emb = b[0];
    int[] history = new int[historyLength];
    int n = signals.recentHistory(user, history);
    if (n == 0) {
      return false;
    }
    java.util.Arrays.fill(out, 0, dim, 0f);
    float recency = 1f;
    boolean any = false;
    for (int i = 0; i < n; i++, recency *= recencyDecay) {
      int v = history[i];
      float w;
      try {
        if (!catalog.isLive(v) || !catalog.embedding(v, emb)) {
          continue;
        }
        double aff =
            Math.tanh(signals.affinity(user, AffinityKind.CATEGORY, catalog.category(v)))
                + 0.5 * Math.tanh(signals.affinity(user, AffinityKind.CREATOR, catalog.creator(v)));
        w = (float) (recency * Math.max(-1.0, Math.min(3.0, 0.5 + aff)));
      } catch (IllegalArgumentException removedMeanwhile) {
        continue;
      }
      if (w == 0f) {
        continue;
      }
      float norm = 0f;
      for (int d = 0; d < dim; d++) {
        norm += emb[d] * emb[d];
      }
      float scale = w / (float) Math.sqrt(norm);
      for (int d = 0; d < dim; d++) {
        out[d] += scale * emb[d];
      }
      any = true;
    }
    if (!any) {
      return false;
    }
    float norm = 0f;
    for (int d = 0; d < dim; d++) {
      norm += out[d] * out[d];
    }
    if (!(norm > 1e-12f)) {
      return false;
    }
    float inv = 1f / (float) Math.sqrt(norm);
    for (int d = 0; d < dim; d++) {
      out[d] *= inv;
    }
    return true;
  }
}
