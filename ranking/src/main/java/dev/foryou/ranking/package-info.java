/**
 * The For You feed engine: {@link dev.foryou.ranking.FeedEngine} retrieves candidates from many
 * sources, predicts several engagement objectives, scores them with a value model, re-ranks for
 * diversity, freshness and exploration, and learns online from every recorded interaction.
 */
package dev.foryou.ranking;
