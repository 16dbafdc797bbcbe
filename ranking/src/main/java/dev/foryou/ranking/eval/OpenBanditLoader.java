package dev.foryou.ranking.eval;

import it.unimi.dsi.fastutil.doubles.DoubleArrayList;
import it.unimi.dsi.fastutil.ints.IntArrayList;
import it.unimi.dsi.fastutil.objects.Object2IntOpenHashMap;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Reads an Open Bandit Dataset csv ({@code {random,bts}/{men,women}/*.csv}: an unnamed index
 * column, timestamp, item_id, position, click, propensity_score, user_feature_0..3,
 * user-item_affinity_*) into a {@link ClickLog} for click-model evaluation (AUC, log loss). Columns
 * are found by header name; a malformed row fails with an {@link IllegalArgumentException} naming
 * its line number. Stateless and thread-safe.
 */
public final class OpenBanditLoader {

  private OpenBanditLoader() {}

  /**
   * Loads a campaign csv.
   *
   * @param file the csv file
   * @return the log
   * @throws IOException if it cannot be read
   */
  public static ClickLog load(Path file) throws IOException {
    try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      return read(in);
    }
  }

  /**
   * Reads a campaign csv from a stream (not closed).
   *
   * @param reader the text
   * @return the log
   * @throws IOException if reading fails
   */
  public static ClickLog read(Reader reader) throws IOException {
    BufferedReader in =
        reader instanceof BufferedReader b ? b : new BufferedReader(Objects.requireNonNull(reader));
    String header = in.readLine();
    if (header == null) {
      throw new IllegalArgumentException("line 1: empty file, expected a header");
    }
    String[] names = header.split(",", -1);
    int item = column(names, "item_id");
    int pos = column(names, "position");
    int click = column(names, "click");
    int prop = column(names, "propensity_score");
    List<Integer> featureCols = new ArrayList<>();
    for (int c = 0; c < names.length; c++) {
      if (names[c].trim().startsWith("user_feature_")) {
        featureCols.add(c);
      }
    }
    IntArrayList items = new IntArrayList();
    IntArrayList positions = new IntArrayList();
    List<Boolean> clicks = new ArrayList<>();
    DoubleArrayList props = new DoubleArrayList();
    List<IntArrayList> feats = new ArrayList<>();
    List<Object2IntOpenHashMap<String>> dicts = new ArrayList<>();
    for (int f = 0; f < featureCols.size(); f++) {
      feats.add(new IntArrayList());
      dicts.add(new Object2IntOpenHashMap<>());
    }
    String line;
    int lineNo = 1;
    while ((line = in.readLine()) != null) {
      lineNo++;
      if (line.isBlank()) {
        continue;
      }
      String[] p = line.split(",", -1);
      if (p.length != names.length) {
        throw new IllegalArgumentException(
            "line " + lineNo + ": expected " + names.length + " fields, found " + p.length);
      }
      int it = parseInt(p[item], "item_id", lineNo);
      int ps = parseInt(p[pos], "position", lineNo);
      int ck = parseInt(p[click], "click", lineNo);
      if (it < 0) {
        throw new IllegalArgumentException("line " + lineNo + ": item_id must be >= 0: " + it);
      }
      if (ps < 1) {
        throw new IllegalArgumentException("line " + lineNo + ": position must be >= 1: " + ps);
      }
      if (ck != 0 && ck != 1) {
        throw new IllegalArgumentException("line " + lineNo + ": click must be 0 or 1: " + ck);
      }
      double pr;
      try {
        pr = Double.parseDouble(p[prop].trim());
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException(
            "line " + lineNo + ": propensity_score is not a number: '" + p[prop] + "'", e);
      }
      if (!(pr > 0 && pr <= 1)) {
        throw new IllegalArgumentException(
            "line " + lineNo + ": propensity_score must be in (0, 1]: " + pr);
      }
      items.add(it);
      positions.add(ps);
      clicks.add(ck == 1);
      props.add(pr);
      for (int f = 0; f < featureCols.size(); f++) {
        Object2IntOpenHashMap<String> d = dicts.get(f);
        String v = p[featureCols.get(f)].trim();
        int id = d.computeIfAbsent(v, k -> d.size());
        feats.get(f).add(id);
      }
    }
    boolean[] c = new boolean[clicks.size()];
    for (int r = 0; r < c.length; r++) {
      c[r] = clicks.get(r);
    }
    int[][] uf = new int[featureCols.size()][];
    for (int f = 0; f < uf.length; f++) {
      uf[f] = feats.get(f).toIntArray();
    }
    return new ClickLog(items.toIntArray(), positions.toIntArray(), c, props.toDoubleArray(), uf);
  }

  private static int column(String[] names, String name) {
    for (int c = 0; c < names.length; c++) {
      if (names[c].trim().equals(name)) {
        return c;
      }
    }
    throw new IllegalArgumentException("line 1: missing column '" + name + "'");
  }

  private static int parseInt(String s, String what, int lineNo) {
    try {
      return Integer.parseInt(s.trim());
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(
          "line " + lineNo + ": " + what + " is not an integer: '" + s + "'", e);
    }
  }
}
