/**
 * Click prediction: {@link dev.foryou.ads.ctr.CtrModel}, a per-creative Beta-Binomial click model
 * with hierarchical priors (format → advertiser → ad group → creative), updated online and made
 * position-aware with an examination model.
 */
package dev.foryou.ads.ctr;
