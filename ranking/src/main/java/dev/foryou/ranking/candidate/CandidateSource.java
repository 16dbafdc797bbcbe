package dev.foryou.ranking.candidate;

/**
 * One way of proposing candidate videos for a request, with a bounded cost: it proposes at most
 * {@code limit} videos and does work proportional to that (never a scan of the whole catalog).
 *
 * <p>Implementations must be thread-safe: many requests are served at once while events stream in.
 */
public interface CandidateSource {

  /**
   * Returns the source this retriever tags its candidates with.
   *
   * @return the source
   */
  Source source();

  /**
   * Proposes candidates that {@code query.accept()} admits into {@code out}.
   *
   * @param query the request
   * @param limit at most this many new candidates, at least 0
   * @param out receives the candidates (merged with those already there)
   * @return how many videos were proposed (new or merged)
   */
  int retrieve(Query query, int limit, CandidateSet out);
}
