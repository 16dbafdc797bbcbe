package dev.foryou.ads.auction;

import java.util.List;

/**
 * The outcome of {@link Auction#run}.
 *
 * <p>Immutable and thread-safe.
 *
 * @param winners one placement per filled slot, in the input order of the slots
 * @param losers ids of the ads that got no slot, best eCPM first (ads below the reserve last)
 */
public record AuctionResult(List<Placement> winners, List<String> losers) {
  /** Copies. */
  public AuctionResult {
    winners = List.copyOf(winners);
    losers = List.copyOf(losers);
  }
}
