/** foryou ranking: candidate sources, multi-objective scoring and re-ranking. */
module dev.foryou.ranking {
  requires transitive dev.foryou.core;
  requires smile.core;
  requires smile.math;
  requires smile.data;

  exports dev.foryou.ranking;
  exports dev.foryou.ranking.candidate;
  exports dev.foryou.ranking.embed;
  exports dev.foryou.ranking.model;
  exports dev.foryou.ranking.rerank;
  exports dev.foryou.ranking.eval;
}
