package dev.foryou.ads.billing;

/**
 * Running totals of the ledger. Money is conserved: {@code advertiserSpendMicros ==
 * platformRevenueMicros + creatorShareMicros}.
 *
 * <p>Immutable and thread-safe.
 *
 * @param advertiserSpendMicros everything charged to advertisers
 * @param platformRevenueMicros the platform's part
 * @param creatorShareMicros the creators' part
 * @param creatorFundMicros creator-fund payouts accrued for qualified views (platform money, not
 *     advertiser spend)
 * @param budgetCappedMicros charges not billed because the budget was spent (free delivery)
 * @param impressions impressions recorded
 * @param validClicks valid clicks
 * @param duplicates events ignored as duplicates
 * @param invalidNoImpression clicks without an impression
 * @param invalidRepeatClick second clicks on one impression
 * @param invalidTooFast clicks too soon after the impression
 * @param qualifiedViews views qualified for the creator fund
 */
public record LedgerTotals(
    long advertiserSpendMicros,
    long platformRevenueMicros,
    long creatorShareMicros,
    long creatorFundMicros,
    long budgetCappedMicros,
    long impressions,
    long validClicks,
    long duplicates,
    long invalidNoImpression,
    long invalidRepeatClick,
    long invalidTooFast,
    long qualifiedViews) {}
