package dev.foryou.ranking.eval;

import it.unimi.dsi.fastutil.floats.FloatArrayList;
import it.unimi.dsi.fastutil.ints.IntArrayList;
import it.unimi.dsi.fastutil.longs.LongArrayList;
import it.unimi.dsi.fastutil.objects.Object2IntOpenHashMap;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * Reads delimited rating files of {@code user item rating [timestamp]} lines: MovieLens-100K's
 * {@code ratings.tsv} (tab-separated, typed header {@code user_id:token item_id:token ...}),
 * MovieTweetings' {@code ratings.dat} ({@code ::}-separated, no header) and any tab, comma or
 * {@code ::} file with an optional header line and an optional timestamp column.
 *
 * <p>A header is recognised when the first non-blank line's rating field is not a number. Blank
 * lines are skipped. Every other line must have the same number of fields (3 or 4) as the first
 * data line, non-empty ids, a finite numeric rating and an integral (or integral-valued decimal)
 * timestamp; otherwise loading fails with an {@link IllegalArgumentException} naming the line
 * number. Stateless and thread-safe.
 */
public final class RatingLoader {

  /** The file's field separator. */
  public enum Format {
    /** Chosen from the file extension ({@code .tsv}, {@code .csv}, {@code .dat}), else sniffed. */
    AUTO,
    /** Tab-separated. */
    TSV,
    /** Comma-separated (no quoting). */
    CSV,
    /** {@code ::}-separated (MovieLens-1M / MovieTweetings style). */
    DAT;

    /**
     * Parses a format name case-insensitively.
     *
     * @param s one of auto, tsv, csv, dat
     * @return the format
     * @throws IllegalArgumentException naming an unknown value
     */
    public static Format parse(String s) {
      try {
        return valueOf(s.trim().toUpperCase(Locale.ROOT));
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException(
            "unknown format '" + s + "' (expected auto, tsv, csv or dat)", e);
      }
    }

    String delimiter() {
      return switch (this) {
        case TSV -> "\t";
        case CSV -> ",";
        case DAT -> "::";
        case AUTO -> throw new IllegalStateException("AUTO has no delimiter");
      };
    }
  }

  private RatingLoader() {}

  /**
   * Loads a rating file.
   *
   * @param path the file (a directory is resolved to its {@code ratings.tsv}, {@code ratings.dat}
   *     or {@code ratings.csv})
   * @param format the separator, or {@link Format#AUTO}
   * @return the ratings
   * @throws IOException if the file cannot be read
   * @throws IllegalArgumentException on a malformed line (with its number) or undetectable format
   */
  public static RatingData load(Path path, Format format) throws IOException {
    Objects.requireNonNull(path, "path");
    Objects.requireNonNull(format, "format");
    Path file = resolve(path);
    try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      Format f = format == Format.AUTO ? byExtension(file) : format;
      return read(in, datasetName(file), f);
    }
  }

  /**
   * Reads ratings from a character stream.
   *
   * @param reader the text (not closed)
   * @param name the data set's name for reports
   * @param format the separator, or {@link Format#AUTO} to sniff it from the first line
   * @return the ratings
   * @throws IOException if reading fails
   * @throws IllegalArgumentException on a malformed line, naming its 1-based number
   */
  public static RatingData read(Reader reader, String name, Format format) throws IOException {
    BufferedReader in =
        reader instanceof BufferedReader b ? b : new BufferedReader(Objects.requireNonNull(reader));
    Object2IntOpenHashMap<String> users = new Object2IntOpenHashMap<>();
    Object2IntOpenHashMap<String> items = new Object2IntOpenHashMap<>();
    users.defaultReturnValue(-1);
    items.defaultReturnValue(-1);
    List<String> userIds = new ArrayList<>();
    List<String> itemIds = new ArrayList<>();
    IntArrayList us = new IntArrayList();
    IntArrayList is = new IntArrayList();
    FloatArrayList rs = new FloatArrayList();
    LongArrayList ts = new LongArrayList();
    String delimiter = format == Format.AUTO ? null : format.delimiter();
    int fields = -1;
    boolean first = true;
    String line;
    int lineNo = 0;
    while ((line = in.readLine()) != null) {
      lineNo++;
      if (line.isBlank()) {
        continue;
      }
      if (delimiter == null) {
        delimiter = sniff(line, lineNo);
      }
      String[] parts = split(line, delimiter);
      if (first) {
        first = false;
        if (parts.length >= 3 && !isNumber(parts[2].trim())) {
          continue; // header line
        }
      }
      if (parts.length != 3 && parts.length != 4) {
        throw bad(lineNo, "expected 3 or 4 fields separated by '" + show(delimiter), line, parts);
      }
      if (fields < 0) {
        fields = parts.length;
      } else if (parts.length != fields) {
        throw bad(lineNo, "expected " + fields + " fields like earlier lines", line, parts);
      }
      String u = parts[0].trim();
      String i = parts[1].trim();
      if (u.isEmpty() || i.isEmpty()) {
        throw new IllegalArgumentException(
            "line " + lineNo + ": empty user or item id in '" + line + "'");
      }
      float r;
      try {
        r = Float.parseFloat(parts[2].trim());
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException(
            "line " + lineNo + ": rating is not a number: '" + parts[2].trim() + "'", e);
      }
      if (!Float.isFinite(r)) {
        throw new IllegalArgumentException("line " + lineNo + ": rating is not finite: " + r);
      }
      if (fields == 4) {
        ts.add(parseTimestamp(parts[3].trim(), lineNo));
      }
      int ui = users.getInt(u);
      if (ui < 0) {
        ui = userIds.size();
        users.put(u, ui);
        userIds.add(u);
      }
      int ii = items.getInt(i);
      if (ii < 0) {
        ii = itemIds.size();
        items.put(i, ii);
        itemIds.add(i);
      }
      us.add(ui);
      is.add(ii);
      rs.add(r);
    }
    return new RatingData(
        name,
        us.toIntArray(),
        is.toIntArray(),
        rs.toFloatArray(),
        fields == 4 ? ts.toLongArray() : null,
        userIds.toArray(String[]::new),
        itemIds.toArray(String[]::new));
  }

  private static Path resolve(Path path) {
    if (Files.isDirectory(path)) {
      for (String f : new String[] {"ratings.tsv", "ratings.dat", "ratings.csv"}) {
        Path p = path.resolve(f);
        if (Files.isRegularFile(p)) {
          return p;
        }
      }
      throw new IllegalArgumentException("no ratings.tsv, ratings.dat or ratings.csv in " + path);
    }
    if (!Files.isRegularFile(path)) {
      throw new IllegalArgumentException("no such rating file: " + path);
    }
    return path;
  }

  private static String datasetName(Path file) {
    Path parent = file.toAbsolutePath().getParent();
    return parent == null || parent.getFileName() == null
        ? file.getFileName().toString()
        : parent.getFileName().toString();
  }

  private static Format byExtension(Path file) {
    String n = file.getFileName().toString().toLowerCase(Locale.ROOT);
    if (n.endsWith(".tsv") || n.endsWith(".tab")) {
      return Format.TSV;
    } else if (n.endsWith(".csv")) {
      return Format.CSV;
    } else if (n.endsWith(".dat")) {
      return Format.DAT;
    }
    return Format.AUTO;
  }

  private static String sniff(String line, int lineNo) {
    if (line.contains("::")) {
      return "::";
    } else if (line.indexOf('\t') >= 0) {
      return "\t";
    } else if (line.indexOf(',') >= 0) {
      return ",";
    }
    throw new IllegalArgumentException(
        "line " + lineNo + ": cannot detect the separator (tab, comma or ::) in '" + line + "'");
  }

  private static String[] split(String line, String delimiter) {
    List<String> parts = new ArrayList<>(4);
    int from = 0;
    while (true) {
      int at = line.indexOf(delimiter, from);
      if (at < 0) {
        parts.add(line.substring(from));
        return parts.toArray(String[]::new);
      }
      parts.add(line.substring(from, at));
      from = at + delimiter.length();
    }
  }

  private static boolean isNumber(String s) {
    try {
      Double.parseDouble(s);
      return true;
    } catch (NumberFormatException e) {
      return false;
    }
  }

  private static long parseTimestamp(String s, int lineNo) {
    try {
      return Long.parseLong(s);
    } catch (NumberFormatException e) {
      try {
        double d = Double.parseDouble(s);
        if (Double.isFinite(d) && d == Math.rint(d) && Math.abs(d) < 9.0e15) {
          return (long) d;
        }
      } catch (NumberFormatException ignored) {
        // reported below
      }
      throw new IllegalArgumentException(
          "line " + lineNo + ": timestamp is not an integer: '" + s + "'", e);
    }
  }

  private static String show(String delimiter) {
    return "\t".equals(delimiter) ? "\\t'" : delimiter + "'";
  }

  private static IllegalArgumentException bad(int lineNo, String why, String line, String[] parts) {
    return new IllegalArgumentException(
        "line " + lineNo + ": " + why + ", found " + parts.length + " in '" + line + "'");
  }
}
