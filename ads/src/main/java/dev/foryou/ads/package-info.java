/** Ads layered over the ranked feed. */
package dev.foryou.ads;
