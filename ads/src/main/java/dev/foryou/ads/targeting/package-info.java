/**
 * Targeting: per-ad-group {@link dev.foryou.ads.targeting.TargetingSpec} (include/exclude per
 * {@link dev.foryou.ads.targeting.Dimension}; AND across dimensions, OR within one), the request
 * side {@link dev.foryou.ads.targeting.TargetingQuery}, and the live {@link
 * dev.foryou.ads.targeting.TargetingIndex} that returns every matching ad group fast — or, as a
 * top-k scan, only those in blocks whose score bound can still beat the caller's threshold. {@link
 * dev.foryou.ads.targeting.TargetingSpec#matches} is the brute-force reference the index is tested
 * against. Users under 18 (or of unknown age) get contextual targeting only: their interests and
 * audiences are never used.
 */
package dev.foryou.ads.targeting;
