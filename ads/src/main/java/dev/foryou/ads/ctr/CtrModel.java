package dev.foryou.ads.ctr;

import dev.foryou.ads.model.Format;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.Arrays;
import java.util.Objects;
import java.util.function.IntConsumer;

/**
 * Predicted click-through rate per creative, learned online from impressions and clicks.
 *
 * <p>Design: an examination (position-based) click model — P(click | ad, position p) = θ_p · c_ad,
 * with θ_0 = 1 (Richardson, Dominowska and Ragno, WWW 2007; Craswell et al., WSDM 2008) — and a
 * Beta-Binomial estimate of c per creative whose prior comes from its parents (empirical-Bayes
 * hierarchical smoothing, as in Chapelle, Manavoglu and Rosales, "Simple and scalable response
 * prediction for display advertising", TIST 2014): each impression at position p adds θ_p
 * "examinations", and with C clicks and E examinations at a level the estimate is
 *
 * <pre>
 *   c_format     = (C_f + k·μ) / (E_f + k)
 *   c_advertiser = (C_a + k·c_format) / (E_a + k)
 *   c_adgroup    = (C_g + k·c_advertiser) / (E_g + k)
 *   c_creative   = (C_c + k·c_adgroup) / (E_c + k)
 * </pre>
 *
 * so a new creative starts at its ad group's rate, a new ad group at its advertiser's, a new
 * advertiser at its format's; k (prior strength, in examinations) and μ (global prior mean) are
 * settings, θ is configured (e.g. estimated from randomised logs). {@link #pctr(int)} is c at the
 * top position; {@link #pctr(int, int)} multiplies by θ_p.
 *
 * <p>Serving reads a cached estimate per creative ({@link #pctr(int)} is one array read). A
 * creative's cache is recomputed whenever that creative records an impression, and every creative's
 * cache is recomputed after every max(1024, registered creatives) records, so the parents' share of
 * an estimate is at most that many records old (amortised O(1) per record); {@link #refresh()}
 * recomputes all at once.
 *
 * <p>Thread-safe: writes are serialised by a lock; reads are lock-free (opaque reads, so a read may
 * miss the updates of the last instant, never see a torn value).
 */
public final class CtrModel {
  private static final VarHandle DOUBLES = MethodHandles.arrayElementVarHandle(double[].class);
  private static final Format[] FORMATS = Format.values();

  private final double priorMean;
  private final double priorStrength;
  private final double[] theta;

  // counters per level: [2*i] clicks, [2*i+1] examinations
  private volatile double[] creativeStats = new double[64];
  private volatile double[] cache = new double[32];
  // per ad group: the largest cached estimate any of its creatives ever had (monotone)
  private volatile double[] groupMax = new double[32];
  private int creativesRegistered; // guarded by this
  private long recordsSinceRefresh; // guarded by this
  private volatile double[] groupStats = new double[64];
  private volatile double[] advertiserStats = new double[64];
  private final double[] formatStats = new double[2 * FORMATS.length];
  // parents (-1 = unregistered)
  private volatile int[] groupOf = filled(32);
  private volatile int[] advertiserOf = filled(32);
  private volatile byte[] formatOf = new byte[32];
  private volatile IntConsumer[] boundListeners = new IntConsumer[0];

  private CtrModel(double priorMean, double priorStrength, double[] theta) {
    this.priorMean = priorMean;
    this.priorStrength = priorStrength;
    this.theta = theta;
  }

  private static int[] filled(int n) {
    int[] a = new int[n];
    Arrays.fill(a, -1);
    return a;
  }

  /**
   * Starts a model.
   *
   * @return a new builder
   */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * Places a creative in the hierarchy. Registering it again with the same parents is a no-op.
   *
   * @param creative the creative's dense index, at least 0
   * @param adGroup its ad group's dense index, at least 0
   * @param advertiser its advertiser's dense index, at least 0
   * @param format its format
   * @throws IllegalArgumentException for a negative index
   * @throws IllegalStateException if the creative or ad group is already registered with other
   *     parents
   */
  public synchronized void register(int creative, int adGroup, int advertiser, Format format) {
    Objects.requireNonNull(format, "format");
    if (creative < 0 || adGroup < 0 || advertiser < 0) {
      throw new IllegalArgumentException(
          "indexes must be >= 0: creative "
              + creative
              + ", ad group "
              + adGroup
              + ", advertiser "
              + advertiser);
    }
    int[] g = groupOf;
    if (creative < g.length && g[creative] >= 0 && g[creative] != adGroup) {
      throw new IllegalStateException(
          "creative " + creative + " already belongs to ad group " + g[creative]);
    }
    int[] a = advertiserOf;
    if (adGroup < a.length
        && a[adGroup] >= 0
        && (a[adGroup] != advertiser || formatOf[adGroup] != format.ordinal())) {
      throw new IllegalStateException(
          "ad group " + adGroup + " already belongs to advertiser " + a[adGroup] + " or format");
    }
    if (creative >= g.length) {
      int[] ng = Arrays.copyOf(g, Math.max(creative + 1, g.length * 2));
      Arrays.fill(ng, g.length, ng.length, -1);
      g = ng;
    }
    if (adGroup >= groupMax.length) {
      groupMax = Arrays.copyOf(groupMax, Math.max(adGroup + 1, groupMax.length * 2));
    }
    if (adGroup >= a.length) {
      int n = Math.max(adGroup + 1, a.length * 2);
      int[] na = Arrays.copyOf(a, n);
      Arrays.fill(na, a.length, n, -1);
      formatOf = Arrays.copyOf(formatOf, n);
      a = na;
    }
    creativeStats = grow(creativeStats, creative);
    groupStats = grow(groupStats, adGroup);
    advertiserStats = grow(advertiserStats, advertiser);
    formatOf[adGroup] = (byte) format.ordinal();
    a[adGroup] = advertiser;
    boolean fresh = creative >= groupOf.length || groupOf[creative] < 0;
    double[] c = cache;
    if (creative >= c.length) {
      c = Arrays.copyOf(c, Math.max(creative + 1, c.length * 2));
    }
    g[creative] = adGroup;
    advertiserOf = a;
    c[creative] = compute(creative, adGroup);
    cache = c;
    raiseGroupMax(adGroup, c[creative]);
    groupOf = g;
    if (fresh) {
      creativesRegistered++;
    }
  }

  /** Recomputes every creative's cached estimate from the current counters. */
  public synchronized void refresh() {
    int[] g = groupOf;
    double[] c = cache;
    for (int i = 0; i < g.length && i < c.length; i++) {
      if (g[i] >= 0) {
        double v = compute(i, g[i]);
        DOUBLES.setOpaque(c, i, v);
        raiseGroupMax(g[i], v);
      }
    }
    recordsSinceRefresh = 0;
  }

  private static double[] grow(double[] a, int index) {
    return 2 * index + 1 < a.length ? a : Arrays.copyOf(a, Math.max(2 * index + 2, a.length * 2));
  }

  private int groupChecked(int creative) {
    int[] g = groupOf;
    if (creative < 0 || creative >= g.length || g[creative] < 0) {
      throw new IllegalArgumentException("unknown creative " + creative);
    }
    return g[creative];
  }

  /**
   * Returns the examination probability of a position relative to the top one.
   *
   * @param position 0-based position
   * @return θ_position, positive
   */
  public double positionBias(int position) {
    if (position < 0) {
      throw new IllegalArgumentException("position must be >= 0: " + position);
    }
    return theta[Math.min(position, theta.length - 1)];
  }

  /**
   * Records one impression of a creative and whether it was clicked.
   *
   * @param creative a registered creative
   * @param position 0-based position it was shown at
   * @param clicked whether it was clicked
   * @throws IllegalArgumentException for an unknown creative or a negative position
   */
  public void recordImpression(int creative, int position, boolean clicked) {
    record(creative, position, 1, clicked ? 1 : 0);
  }

  /**
   * Records many impressions of a creative at one position.
   *
   * @param creative a registered creative
   * @param position 0-based position
   * @param impressions number of impressions, at least 0
   * @param clicks number of clicks, between 0 and {@code impressions}
   * @throws IllegalArgumentException for an unknown creative, a negative position or bad counts
   */
  public synchronized void record(int creative, int position, long impressions, long clicks) {
    int group = groupChecked(creative);
    double th = positionBias(position);
    if (impressions < 0 || clicks < 0 || clicks > impressions) {
      throw new IllegalArgumentException(
          "need 0 <= clicks <= impressions: " + clicks + " clicks, " + impressions + " imps");
    }
    double e = th * impressions;
    add(creativeStats, creative, clicks, e);
    add(groupStats, group, clicks, e);
    add(advertiserStats, advertiserOf[group], clicks, e);
    add(formatStats, formatOf[group], clicks, e);
    double v = compute(creative, group);
    DOUBLES.setOpaque(cache, creative, v);
    raiseGroupMax(group, v);
    if (++recordsSinceRefresh >= Math.max(1024, creativesRegistered)) {
      refresh();
    }
  }

  private static void add(double[] stats, int i, double clicks, double exams) {
    DOUBLES.setOpaque(stats, 2 * i, (double) DOUBLES.getOpaque(stats, 2 * i) + clicks);
    DOUBLES.setOpaque(stats, 2 * i + 1, (double) DOUBLES.getOpaque(stats, 2 * i + 1) + exams);
  }

  private double smooth(double[] stats, int i, double parent) {
    double c = (double) DOUBLES.getOpaque(stats, 2 * i);
    double e = (double) DOUBLES.getOpaque(stats, 2 * i + 1);
    return (c + priorStrength * parent) / (e + priorStrength);
  }

  /**
   * Predicted click probability of a creative at the top position (examination-normalised).
   *
   * @param creative a registered creative
   * @return pCTR in (0, 1)
   * @throws IllegalArgumentException for an unknown creative
   */
  public double pctr(int creative) {
    groupChecked(creative);
    return (double) DOUBLES.getOpaque(cache, creative);
  }

  private void raiseGroupMax(int group, double v) {
    double[] m = groupMax;
    if (v > (double) DOUBLES.getOpaque(m, group)) {
      DOUBLES.setOpaque(m, group, v);
      for (IntConsumer l : boundListeners) {
        l.accept(group);
      }
    }
  }

  /**
   * Registers a callback told the ad group whose {@link #pctrUpperBound(int)} has just risen, so
   * that a caller may keep coarser bounds (e.g. per block of ad groups) of its own. It runs on the
   * updating thread, after the new bound is readable, while the model's write lock is held: it must
   * be short and must not call the model's writers. Listeners are never removed.
   *
   * @param listener receives the dense ad group index
   */
  public synchronized void addUpperBoundListener(IntConsumer listener) {
    Objects.requireNonNull(listener, "listener");
    IntConsumer[] a = Arrays.copyOf(boundListeners, boundListeners.length + 1);
    a[a.length - 1] = listener;
    boundListeners = a;
  }

  /**
   * An upper bound on {@link #pctr(int)} of every creative of an ad group: the largest estimate any
   * of its creatives has had so far (it never decreases). Lets a caller skip an ad group whose best
   * possible eCPM cannot win without reading its creatives.
   *
   * @param adGroup a registered ad group's dense index
   * @return the bound, or 0 for an ad group without creatives
   */
  public double pctrUpperBound(int adGroup) {
    double[] m = groupMax;
    return adGroup >= 0 && adGroup < m.length ? (double) DOUBLES.getOpaque(m, adGroup) : 0;
  }

  private double compute(int creative, int group) {
    double f = smooth(formatStats, formatOf[group], priorMean);
    double a = smooth(advertiserStats, advertiserOf[group], f);
    double g = smooth(groupStats, group, a);
    double c = smooth(creativeStats, creative, g);
    return Math.min(c, 1.0);
  }

  /**
   * Predicted click probability of a creative shown at a position: θ_position · {@link #pctr(int)}.
   *
   * @param creative a registered creative
   * @param position 0-based position
   * @return pCTR in (0, 1)
   */
  public double pctr(int creative, int position) {
    return Math.min(1.0, positionBias(position) * pctr(creative));
  }

  /** Builds a {@link CtrModel}; each setting at most once. */
  public static final class Builder {
    private double priorMean = Double.NaN;
    private double priorStrength = Double.NaN;
    private double[] theta;

    private Builder() {}

    /**
     * Sets the global prior click rate μ (default 0.01).
     *
     * @param mean in (0, 1)
     * @return this builder
     */
    public Builder priorMean(double mean) {
      if (!Double.isNaN(priorMean)) {
        throw new IllegalStateException("priorMean given twice");
      }
      if (!(mean > 0 && mean < 1)) {
        throw new IllegalArgumentException("priorMean must be in (0,1): " + mean);
      }
      priorMean = mean;
      return this;
    }

    /**
     * Sets the prior strength k in examinations per level (default 100).
     *
     * @param k positive and finite
     * @return this builder
     */
    public Builder priorStrength(double k) {
      if (!Double.isNaN(priorStrength)) {
        throw new IllegalStateException("priorStrength given twice");
      }
      if (!(k > 0) || Double.isInfinite(k)) {
        throw new IllegalArgumentException("priorStrength must be positive and finite: " + k);
      }
      priorStrength = k;
      return this;
    }

    /**
     * Sets the examination probabilities θ of positions 0, 1, …, relative to position 0 (θ_0 must
     * be 1; positions past the end use the last value; a value above 1 means that position is
     * examined more than position 0). Default: no position effect ({1}).
     *
     * @param theta positive finite values, the first equal to 1
     * @return this builder
     */
    public Builder positionBias(double... theta) {
      if (this.theta != null) {
        throw new IllegalStateException("positionBias given twice");
      }
      if (theta.length == 0 || theta[0] != 1.0) {
        throw new IllegalArgumentException(
            "positionBias must start with 1.0: " + Arrays.toString(theta));
      }
      for (double t : theta) {
        if (!(t > 0) || Double.isInfinite(t)) {
          throw new IllegalArgumentException("position bias must be positive and finite: " + t);
        }
      }
      this.theta = theta.clone();
      return this;
    }

    /**
     * Builds the model.
     *
     * @return a new, empty model
     */
    public CtrModel build() {
      return new CtrModel(
          Double.isNaN(priorMean) ? 0.01 : priorMean,
          Double.isNaN(priorStrength) ? 100 : priorStrength,
          theta == null ? new double[] {1.0} : theta);
    }
  }
}
