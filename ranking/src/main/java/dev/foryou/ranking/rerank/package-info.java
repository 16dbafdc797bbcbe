/**
 * Re-ranking of scored candidates into a feed page: no repeats, freshness boost, an exploration
 * budget for new videos and creators (Thompson sampling on Beta posteriors), and a greedy selector
 * with MMR diversity and creator / hashtag spacing.
 */
package dev.foryou.ranking.rerank;
