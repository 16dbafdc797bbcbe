/**
 * Candidate sources: small, bounded-cost retrievers (embedding ANN, co-engagement, trending,
 * followed and affine creators, a fresh pool, hashtags, sounds and sponsored challenges) that write
 * into a caller-provided {@link dev.foryou.ranking.candidate.CandidateSet}, which merges and
 * de-duplicates them while keeping a bitmask of the sources of every candidate.
 */
package dev.foryou.ranking.candidate;
