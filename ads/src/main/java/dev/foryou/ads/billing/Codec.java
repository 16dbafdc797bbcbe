package dev.foryou.ads.billing;

import dev.foryou.core.IdMap;
import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;

/** Binary encodings shared by the event log and snapshots (big-endian, via Data streams). */
final class Codec {
  static final byte REGISTER_CAMPAIGN = 1;
  static final byte CAMPAIGN_CAPS = 2;
  static final byte ADVERTISER_CAPS = 3;
  static final byte IMPRESSION = 4;
  static final byte CLICK = 5;
  static final byte VIEW = 6;

  private Codec() {}

  static void writeBudget(DataOutput out, CampaignBudget b) throws IOException {
    out.writeUTF(b.campaignId());
    out.writeUTF(b.advertiserId());
    out.writeLong(b.dailyMicros());
    out.writeLong(b.lifetimeMicros());
    out.writeByte(b.pacing().ordinal());
    out.writeUTF(b.zone().getId());
    double[] w = b.forecast().hourlyWeights();
    for (double x : w) {
      out.writeDouble(x);
    }
  }

  static CampaignBudget readBudget(DataInput in) throws IOException {
    String c = in.readUTF();
    String a = in.readUTF();
    long d = in.readLong();
    long l = in.readLong();
    PacingMode p = PacingMode.values()[in.readByte()];
    ZoneId z = ZoneId.of(in.readUTF());
    double[] w = new double[24];
    for (int i = 0; i < 24; i++) {
      w[i] = in.readDouble();
    }
    return new CampaignBudget(c, a, d, l, p, z, new TrafficForecast(w));
  }

  static void writeRules(DataOutput out, List<CapRule> rules) throws IOException {
    out.writeInt(rules.size());
    for (CapRule r : rules) {
      out.writeByte(r.window().kind().ordinal());
      out.writeLong(r.window().millis());
      out.writeInt(r.maxImpressions());
    }
  }

  static List<CapRule> readRules(DataInput in) throws IOException {
    int n = in.readInt();
    List<CapRule> rules = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      CapWindow.Kind k = CapWindow.Kind.values()[in.readByte()];
      long ms = in.readLong();
      rules.add(new CapRule(new CapWindow(k, ms), in.readInt()));
    }
    return rules;
  }

  static void writeIds(DataOutput out, IdMap ids) throws IOException {
    int n = ids.size();
    out.writeInt(n);
    for (int i = 0; i < n; i++) {
      out.writeUTF(ids.id(i));
    }
  }

  /** Reads ids into an empty map so that they get the same indexes. */
  static void readIds(DataInput in, IdMap ids) throws IOException {
    int n = in.readInt();
    for (int i = 0; i < n; i++) {
      int idx = ids.intern(in.readUTF());
      if (idx != i) {
        throw new IOException("id map out of order at " + i + " (got " + idx + ")");
      }
    }
  }

  static void writeImpression(DataOutput out, AdImpression e) throws IOException {
    out.writeByte(IMPRESSION);
    out.writeUTF(e.eventId());
    out.writeUTF(e.userId());
    out.writeUTF(e.advertiserId());
    out.writeUTF(e.campaignId());
    out.writeUTF(e.adGroupId());
    out.writeUTF(e.creatorId());
    out.writeByte(e.pricing().ordinal());
    out.writeLong(e.priceMicros());
    out.writeLong(e.timestampMillis());
  }

  static AdImpression readImpression(DataInput in) throws IOException {
    return new AdImpression(
        in.readUTF(),
        in.readUTF(),
        in.readUTF(),
        in.readUTF(),
        in.readUTF(),
        in.readUTF(),
        PricingModel.values()[in.readByte()],
        in.readLong(),
        in.readLong());
  }

  static void writeClick(DataOutput out, AdClick e) throws IOException {
    out.writeByte(CLICK);
    out.writeUTF(e.eventId());
    out.writeUTF(e.impressionId());
    out.writeLong(e.timestampMillis());
  }

  static AdClick readClick(DataInput in) throws IOException {
    return new AdClick(in.readUTF(), in.readUTF(), in.readLong());
  }

  static void writeView(DataOutput out, VideoView e) throws IOException {
    out.writeByte(VIEW);
    out.writeUTF(e.eventId());
    out.writeUTF(e.userId());
    out.writeUTF(e.videoId());
    out.writeUTF(e.creatorId());
    out.writeLong(e.videoDurationMs());
    out.writeLong(e.watchMs());
    out.writeLong(e.timestampMillis());
  }

  static VideoView readView(DataInput in) throws IOException {
    return new VideoView(
        in.readUTF(),
        in.readUTF(),
        in.readUTF(),
        in.readUTF(),
        in.readLong(),
        in.readLong(),
        in.readLong());
  }
}
