package dev.foryou.ads.reach;

/*
 * HyperLogLog after Flajolet, Fusy, Gandouet, Meunier, "HyperLogLog: the analysis of a
 * near-optimal cardinality estimation algorithm", AofA 2007: 2^p byte registers holding the
 * maximum rank (leading zeros + 1) of 64-bit hashes routed by their top p bits; raw estimate
 * alpha_m m^2 / sum 2^-M[j], with linear counting m ln(m / V) below 2.5 m when registers are
 * empty. A 64-bit hash makes the large-range correction unnecessary (Heule, Nunkesser, Hall,
 * "HyperLogLog in practice", EDBT 2013). Standard error ~ 1.04 / sqrt(m).
 */
final class HyperLogLog {
  private final int p;
  private final byte[] registers;

  HyperLogLog(int p) {
    this.p = p;
    this.registers = new byte[1 << p];
  }

  void add(long hash) {
    int idx = (int) (hash >>> (64 - p));
    long w = (hash << p) | (1L << (p - 1));
    byte rank = (byte) (Long.numberOfLeadingZeros(w) + 1);
    if (registers[idx] < rank) {
      registers[idx] = rank;
    }
  }

  void merge(HyperLogLog other) {
    for (int i = 0; i < registers.length; i++) {
      if (registers[i] < other.registers[i]) {
        registers[i] = other.registers[i];
      }
    }
  }

  double estimate() {
    int m = registers.length;
    double sum = 0;
    int zeros = 0;
    for (byte r : registers) {
      sum += Math.scalb(1.0, -r);
      if (r == 0) {
        zeros++;
      }
    }
    double alpha =
        switch (m) {
          case 16 -> 0.673;
          case 32 -> 0.697;
          case 64 -> 0.709;
          default -> 0.7213 / (1 + 1.079 / m);
        };
    double e = alpha * m * (double) m / sum;
    if (e <= 2.5 * m && zeros > 0) {
      return m * Math.log((double) m / zeros);
    }
    return e;
  }

  /** Murmur3's 64-bit finalizer over a seeded id: a well-mixed hash of a dense user index. */
  static long hash(int user) {
    long k = (user & 0xffffffffL) + 0x9E3779B97F4A7C15L;
    k ^= k >>> 33;
    k *= 0xff51afd7ed558ccdL;
    k ^= k >>> 33;
    k *= 0xc4ceb9fe1a85ec53L;
    k ^= k >>> 33;
    return k;
  }
}
