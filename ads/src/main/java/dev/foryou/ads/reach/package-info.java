/**
 * Reach estimates: how many distinct active users a targeting spec matches, approximately
 * (HyperLogLog for the distinct active users, a bottom-k sample for the share matching), with a
 * minimum audience below which the answer is "too small". See {@link
 * dev.foryou.ads.reach.ReachEstimator}.
 */
package dev.foryou.ads.reach;
