package dev.foryou.core.signal;

/**
 * What the in-memory state costs: counts and bytes, measured or closely estimated from the sizes of
 * the structures actually allocated.
 *
 * <p>Immutable and thread-safe.
 *
 * @param videos live videos in the catalog
 * @param activeUsers users with in-memory state (not yet aged out)
 * @param catalogBytes bytes held by the catalog (index, vectors, metadata arrays)
 * @param videoSignalBytes bytes held by per-video signals (counters, co-engagement)
 * @param userBytes bytes held by per-user state (affinities, history, seen-set)
 */
public record MemoryReport(
    int videos, int activeUsers, long catalogBytes, long videoSignalBytes, long userBytes) {

  /** Validates. */
  public MemoryReport {
    if (videos < 0
        || activeUsers < 0
        || catalogBytes < 0
        || videoSignalBytes < 0
        || userBytes < 0) {
      throw new IllegalArgumentException("negative value in memory report");
    }
  }

  /**
   * Returns bytes per live video: catalog plus per-video signals.
   *
   * @return bytes per video, 0 when there are none
   */
  public double bytesPerVideo() {
    return videos == 0 ? 0 : (double) (catalogBytes + videoSignalBytes) / videos;
  }

  /**
   * Returns bytes per active user.
   *
   * @return bytes per user, 0 when there are none
   */
  public double bytesPerActiveUser() {
    return activeUsers == 0 ? 0 : (double) userBytes / activeUsers;
  }
}
