package dev.foryou.ranking;

import dev.foryou.ranking.candidate.Source;
import java.util.EnumSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * One video in a feed page, with what explains it.
 *
 * <p>Immutable and thread-safe.
 *
 * @param video the video's dense index
 * @param videoId the video's external id
 * @param score the value score it was ranked by (after freshness boost)
 * @param sourceMask the bits ({@link Source#bit()}) of every candidate source that proposed it
 * @param exploration true if it fills an exploration slot (a new video chosen by Thompson sampling)
 * @param contributions the largest contributions to its score, largest magnitude first
 */
public record FeedItem(
    int video,
    String videoId,
    double score,
    int sourceMask,
    boolean exploration,
    List<Contribution> contributions) {

  /** Validates and copies. */
  public FeedItem {
    Objects.requireNonNull(videoId, "videoId");
    contributions = List.copyOf(contributions);
  }

  /**
   * Returns the sources that proposed this video.
   *
   * @return a new set
   */
  public Set<Source> sources() {
    EnumSet<Source> s = EnumSet.noneOf(Source.class);
    for (Source src : Source.values()) {
      if (src.in(sourceMask)) {
        s.add(src);
      }
    }
    return s;
  }
}
