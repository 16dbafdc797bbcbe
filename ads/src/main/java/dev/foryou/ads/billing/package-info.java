/**
 * The money side of ads: budgets and pacing ({@link dev.foryou.ads.billing.BudgetPacer}), frequency
 * caps ({@link dev.foryou.ads.billing.FrequencyCaps}), the idempotent billing ledger with creator
 * revenue share and creator-fund payouts ({@link dev.foryou.ads.billing.Ledger}), reports with
 * access control ({@link dev.foryou.ads.billing.Reports}) and durability through a snapshot plus an
 * append-only, checksummed event log, all reached through one facade, {@link
 * dev.foryou.ads.billing.AdAccounting}.
 *
 * <p>The parts live in one package on purpose: the ledger settles budget holds and feeds the pacing
 * controller, and replay rebuilds budgets and caps from the ledger's own log, so they share
 * package-private state rather than a wide public API. Money is always {@code long} micros (see
 * {@link dev.foryou.ads.Money}).
 */
package dev.foryou.ads.billing;
