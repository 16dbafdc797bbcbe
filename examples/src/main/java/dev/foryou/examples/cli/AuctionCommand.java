package dev.foryou.examples.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.foryou.ads.Money;
import dev.foryou.ads.auction.Auction;
import dev.foryou.ads.auction.AuctionResult;
import dev.foryou.ads.auction.AuctionRules;
import dev.foryou.ads.auction.Bid;
import dev.foryou.ads.auction.Mechanism;
import dev.foryou.ads.auction.Placement;
import dev.foryou.ads.auction.Slot;
import dev.foryou.ads.model.BidType;
import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code foryou auction --input FILE|-}: runs one auction described in JSON and prints the result
 * as JSON (contract in the README, section "Inspecting an auction"). Money in the input is in
 * currency units with at most 6 decimals; output prices and eCPMs are in units rounded half-up to 4
 * decimals. Bad input prints {@code error: …} on stderr and exits with 2.
 *
 * <p>Not thread-safe; one instance runs one command.
 */
@Command(
    name = "auction",
    mixinStandardHelpOptions = true,
    description = "Run one GSP/VCG auction from JSON (file or - for stdin) and print the result.")
public final class AuctionCommand implements Callable<Integer> {

  private static final Set<String> TOP_FIELDS =
      Set.of("mechanism", "increment", "reserve_cpm", "slots", "bids");
  private static final Set<String> SLOT_FIELDS = Set.of("id", "ctr_factor");
  private static final Set<String> BID_FIELDS = Set.of("ad", "type", "bid", "pctr");

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Option(
      names = "--input",
      required = true,
      paramLabel = "FILE",
      description = "The auction as JSON; - reads standard input.")
  String input;

  /** Creates the command; picocli fills its fields. */
  public AuctionCommand() {}

  @Override
  public Integer call() {
    ObjectMapper json =
        new ObjectMapper()
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .enable(SerializationFeature.INDENT_OUTPUT);
    try {
      JsonNode root;
      if (input.equals("-")) {
        InputStream in = System.in;
        root = json.readTree(in);
      } else {
        root = json.readTree(Files.readString(Path.of(input)));
      }
      ObjectNode out = run(root, json);
      spec.commandLine().getOut().println(json.writeValueAsString(out));
      spec.commandLine().getOut().flush();
      return 0;
    } catch (NoSuchFileException e) {
      return fail("no such file: " + e.getFile());
    } catch (JsonProcessingException e) {
      return fail("invalid JSON: " + e.getOriginalMessage());
    } catch (IOException e) {
      return fail("cannot read " + input + ": " + e.getMessage());
    } catch (IllegalArgumentException | ArithmeticException e) {
      return fail(e.getMessage());
    }
  }

  private int fail(String message) {
    spec.commandLine().getErr().println("error: " + message);
    spec.commandLine().getErr().flush();
    return 2;
  }

  static ObjectNode run(JsonNode root, ObjectMapper json) {
    if (root == null || !root.isObject()) {
      throw new IllegalArgumentException("input must be a JSON object");
    }
    checkFields(root, TOP_FIELDS, "input");
    String mech = root.has("mechanism") ? text(root.get("mechanism"), "mechanism") : "gsp";
    Mechanism mechanism =
        switch (mech.toLowerCase(Locale.ROOT)) {
          case "gsp" -> Mechanism.GSP;
          case "vcg" -> Mechanism.VCG;
          default ->
              throw new IllegalArgumentException("mechanism must be \"gsp\" or \"vcg\": " + mech);
        };
    long increment = root.has("increment") ? money(root.get("increment"), "increment") : 0;
    long reserve = root.has("reserve_cpm") ? money(root.get("reserve_cpm"), "reserve_cpm") : 0;
    AuctionRules rules = new AuctionRules(mechanism, increment, reserve);

    JsonNode slotsNode = root.get("slots");
    if (slotsNode == null || !slotsNode.isArray() || slotsNode.isEmpty()) {
      throw new IllegalArgumentException("slots must be a non-empty array");
    }
    List<Slot> slots = new ArrayList<>();
    for (JsonNode s : slotsNode) {
      checkFields(s, SLOT_FIELDS, "slot");
      String id = text(s.get("id"), "slot id");
      double factor =
          s.has("ctr_factor") ? number(s.get("ctr_factor"), "ctr_factor").doubleValue() : 1.0;
      slots.add(new Slot(id, factor));
    }
    JsonNode bidsNode = root.get("bids");
    if (bidsNode == null || !bidsNode.isArray()) {
      throw new IllegalArgumentException("bids must be an array");
    }
    List<Bid> bids = new ArrayList<>();
    for (JsonNode b : bidsNode) {
      checkFields(b, BID_FIELDS, "bid");
      String ad = text(b.get("ad"), "ad");
      String typeText = text(b.get("type"), "type of ad " + ad);
      BidType type;
      try {
        type = BidType.valueOf(typeText.toUpperCase(Locale.ROOT));
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException(
            "type of ad " + ad + " must be CPM or CPC: " + typeText, e);
      }
      BigDecimal bidUnits = number(b.get("bid"), "bid of ad " + ad);
      if (bidUnits.signum() <= 0) {
        throw new IllegalArgumentException("bid of ad " + ad + " must be positive: " + bidUnits);
      }
      long bid = money(b.get("bid"), "bid of ad " + ad);
      double pctr;
      if (b.has("pctr") && !b.get("pctr").isNull()) {
        pctr = number(b.get("pctr"), "pctr of ad " + ad).doubleValue();
        if (!(pctr > 0 && pctr <= 1)) {
          throw new IllegalArgumentException("pctr of ad " + ad + " must be in (0,1]: " + pctr);
        }
      } else if (type == BidType.CPC) {
        throw new IllegalArgumentException("CPC bid of ad " + ad + " needs a pctr");
      } else {
        pctr = 0;
      }
      bids.add(new Bid(ad, type, bid, pctr));
    }
    AuctionResult result = Auction.run(rules, slots, bids);
    ObjectNode out = json.createObjectNode();
    ArrayNode winners = out.putArray("winners");
    for (Placement p : result.winners()) {
      ObjectNode w = winners.addObject();
      w.put("slot", p.slotId());
      w.put("ad", p.adId());
      w.put("type", p.type().name());
      w.put("price", units(p.priceMicros()));
      w.put("ecpm", units(p.ecpmMicros()));
    }
    ArrayNode losers = out.putArray("losers");
    result.losers().forEach(losers::add);
    return out;
  }

  /** Micros to units rounded half-up to 4 decimals, without trailing zeros. */
  static BigDecimal units(long micros) {
    BigDecimal v = Money.toUnits(micros).setScale(4, RoundingMode.HALF_UP).stripTrailingZeros();
    return v.scale() < 0 ? v.setScale(0) : v;
  }

  private static void checkFields(JsonNode node, Set<String> allowed, String what) {
    if (node == null || !node.isObject()) {
      throw new IllegalArgumentException(what + " must be a JSON object: " + node);
    }
    for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
      String f = it.next();
      if (!allowed.contains(f)) {
        throw new IllegalArgumentException("unknown field in " + what + ": " + f);
      }
    }
  }

  private static String text(JsonNode n, String what) {
    if (n == null || !n.isTextual() || n.asText().isBlank()) {
      throw new IllegalArgumentException(what + " must be a non-empty string: " + n);
    }
    return n.asText();
  }

  private static BigDecimal number(JsonNode n, String what) {
    if (n == null || !n.isNumber()) {
      throw new IllegalArgumentException(what + " must be a number: " + n);
    }
    return n.decimalValue();
  }

  private static long money(JsonNode n, String what) {
    BigDecimal v = number(n, what);
    if (v.signum() < 0) {
      throw new IllegalArgumentException(what + " must be >= 0: " + v.toPlainString());
    }
    try {
      return Money.ofUnits(v);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(what + ": " + e.getMessage(), e);
    }
  }
}
