/** The For You feed: candidate sources, predictions, value model and re-ranking. */
package dev.foryou.ranking;
