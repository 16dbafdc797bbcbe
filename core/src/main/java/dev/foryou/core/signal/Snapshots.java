package dev.foryou.core.signal;

import dev.foryou.core.IdMap;
import dev.foryou.core.TimeSource;
import dev.foryou.core.catalog.Catalog;
import dev.foryou.core.catalog.Video;
import dev.foryou.core.user.AgeBand;
import dev.foryou.core.user.DeviceOs;
import dev.foryou.core.user.Gender;
import dev.foryou.core.user.UserAttributes;
import dev.foryou.core.user.UserRegistry;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import java.util.zip.CRC32C;
import java.util.zip.CheckedInputStream;
import java.util.zip.CheckedOutputStream;

/**
 * Snapshot format, version 2 (version 2: a video's co-engagement list carries its own epoch). A
 * snapshot directory holds {@code CURRENT} (the name of the complete snapshot, replaced by an
 * atomic rename) and one {@code snapshot-N} subdirectory per snapshot, written under {@code
 * snapshot-N.tmp}, fsynced and renamed before {@code CURRENT} moves to it; the previous one is
 * deleted only after that. A crash at any point leaves {@code CURRENT} naming a complete snapshot.
 *
 * <p>Each file ({@code users.bin}, {@code catalog.bin}, {@code signals.bin}) is: magic {@code
 * 0x46594F55} ("FYOU"), format version, file kind, payload (big-endian {@link DataOutputStream}),
 * then the CRC32C of everything before it. Restore verifies all three checksums before parsing.
 */
final class Snapshots {
  static final int MAGIC = 0x46594F55;
  static final int VERSION = 2;
  private static final int USERS = 1;
  private static final int CATALOG = 2;
  private static final int SIGNALS = 3;
  private static final String CURRENT = "CURRENT";
  private static final String PREFIX = "snapshot-";

  private Snapshots() {}

  @FunctionalInterface
  private interface Body {
    void write(DataOutputStream out) throws IOException;
  }

  @FunctionalInterface
  private interface Parser<T> {
    T read(DataInputStream in) throws IOException;
  }

  // ------------------------------------------------------------------ write

  static void write(DefaultSignalStore store, Path dir) throws IOException {
    Files.createDirectories(dir);
    long seq = 1;
    for (Path p : list(dir)) {
      String name = p.getFileName().toString();
      if (name.matches(PREFIX + "\\d+")) {
        seq = Math.max(seq, Long.parseLong(name.substring(PREFIX.length())) + 1);
      }
    }
    Path tmp = dir.resolve(PREFIX + seq + ".tmp");
    deleteTree(tmp);
    Path done = dir.resolve(PREFIX + seq);
    try {
      Files.createDirectory(tmp);
      writeFile(tmp.resolve("users.bin"), USERS, out -> writeUsers(store.users, out));
      writeFile(tmp.resolve("catalog.bin"), CATALOG, out -> writeCatalog(store.catalog, out));
      writeFile(tmp.resolve("signals.bin"), SIGNALS, out -> writeSignals(store, out));
      fsyncDir(tmp);
      Files.move(tmp, done, StandardCopyOption.ATOMIC_MOVE);
      fsyncDir(dir);
      Path cur = dir.resolve(CURRENT + ".tmp");
      try (FileChannel ch =
          FileChannel.open(
              cur,
              StandardOpenOption.CREATE,
              StandardOpenOption.TRUNCATE_EXISTING,
              StandardOpenOption.WRITE)) {
        ch.write(ByteBuffer.wrap((PREFIX + seq + "\n").getBytes(StandardCharsets.US_ASCII)));
        ch.force(true);
      }
      Files.move(
          cur,
          dir.resolve(CURRENT),
          StandardCopyOption.ATOMIC_MOVE,
          StandardCopyOption.REPLACE_EXISTING);
      fsyncDir(dir);
    } catch (IOException | RuntimeException e) {
      try {
        deleteTree(tmp);
      } catch (IOException suppressed) {
        e.addSuppressed(suppressed);
      }
      throw e;
    }
    // the new snapshot is current: older ones and leftovers may go
    for (Path p : list(dir)) {
      String name = p.getFileName().toString();
      if (name.startsWith(PREFIX) && !name.equals(PREFIX + seq)) {
        try {
          deleteTree(p);
        } catch (IOException ignored) {
          // best effort; a later snapshot retries
        }
      }
    }
  }

  private static List<Path> list(Path dir) throws IOException {
    List<Path> out = new ArrayList<>();
    try (DirectoryStream<Path> ds = Files.newDirectoryStream(dir)) {
      ds.forEach(out::add);
    }
    return out;
  }

  private static void deleteTree(Path p) throws IOException {
    if (!Files.exists(p)) {
      return;
    }
    try (Stream<Path> s = Files.walk(p)) {
      for (Path q : s.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(q);
      }
    }
  }

  private static void fsyncDir(Path dir) {
    try (FileChannel ch = FileChannel.open(dir, StandardOpenOption.READ)) {
      ch.force(true);
    } catch (IOException ignored) {
      // some platforms cannot fsync a directory; the file contents are already forced
    }
  }

  private static void writeFile(Path file, int kind, Body body) throws IOException {
    try (FileChannel ch =
        FileChannel.open(file, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
      OutputStream raw =
          new FilterOutputStream(Channels.newOutputStream(ch)) {
            @Override
            public void write(byte[] b, int off, int len) throws IOException {
              out.write(b, off, len);
            }

            @Override
            public void close() throws IOException {
              flush();
            }
          };
      CRC32C crc = new CRC32C();
      DataOutputStream out =
          new DataOutputStream(
              new BufferedOutputStream(new CheckedOutputStream(raw, crc), 1 << 16));
      out.writeInt(MAGIC);
      out.writeInt(VERSION);
      out.writeInt(kind);
      body.write(out);
      out.flush();
      DataOutputStream trailer = new DataOutputStream(raw);
      trailer.writeLong(crc.getValue());
      trailer.flush();
      ch.force(true);
    }
  }

  private static void writeUsers(UserRegistry users, DataOutputStream out) throws IOException {
    int n = users.size();
    out.writeInt(n);
    for (int u = 0; u < n; u++) {
      out.writeUTF(users.externalId(u));
      UserAttributes a = users.attributes(u);
      out.writeByte(a.ageBand().ordinal());
      out.writeByte(a.gender().ordinal());
      out.writeUTF(a.country());
      out.writeUTF(a.region());
      out.writeUTF(a.language());
      out.writeByte(a.os().ordinal());
      out.writeBoolean(a.adFree());
    }
  }

  private static void writeIds(IdMap map, DataOutputStream out) throws IOException {
    List<String> ids = map.ids();
    out.writeInt(ids.size());
    for (String id : ids) {
      out.writeUTF(id);
    }
  }

  private static void writeCatalog(Catalog c, DataOutputStream out) throws IOException {
    out.writeInt(c.dimension());
    writeIds(c.creators(), out);
    writeIds(c.hashtags(), out);
    writeIds(c.sounds(), out);
    writeIds(c.categories(), out);
    writeIds(c.languages(), out);
    int bound = c.indexBound();
    out.writeInt(bound);
    for (int v = 0; v < bound; v++) {
      out.writeUTF(c.videoId(v));
      Optional<Video> video = c.video(v);
      out.writeBoolean(video.isPresent());
      if (video.isPresent()) {
        Video x = video.get();
        out.writeUTF(x.creatorId());
        out.writeLong(x.durationMs());
        out.writeLong(x.publishedAtMillis());
        out.writeUTF(x.language());
        out.writeInt(x.hashtags().size());
        for (String h : x.hashtags()) {
          out.writeUTF(h);
        }
        out.writeUTF(x.sound());
        out.writeUTF(x.category());
        out.writeBoolean(x.sponsored());
        float[] e = x.embedding();
        out.writeBoolean(e != null);
        if (e != null) {
          for (float f : e) {
            out.writeFloat(f);
          }
        }
      }
    }
  }

  private static void writeSignals(DefaultSignalStore s, DataOutputStream out) throws IOException {
    s.settings.write(out);
    int nc = DefaultSignalStore.NC;
    DefaultSignalStore.VideoPage[] pages = s.pages();
    for (int pi = 0; pi < pages.length; pi++) {
      DefaultSignalStore.VideoPage p = pages[pi];
      if (p == null) {
        continue;
      }
      for (int o = 0; o < DefaultSignalStore.PAGE; o++) {
        int video = (pi << DefaultSignalStore.PAGE_BITS) | o;
        int lockV = s.lockStripe(video);
        try {
          if (p.epoch[o] == DefaultSignalStore.UNSET) {
            continue;
          }
          out.writeInt(video);
          out.writeLong(p.epoch[o]);
          for (int c = 0; c < nc; c++) {
            out.writeFloat(p.ref[o * nc + c]);
          }
          for (int c = 0; c < nc; c++) {
            out.writeLong(DefaultSignalStore.totalOf(p, o * nc + c));
          }
          long[] l = p.co[o];
          int n = l == null ? 0 : DefaultSignalStore.coSize(l);
          out.writeInt(n);
          if (n > 0) {
            out.writeLong(l[0]);
          }
          for (int i = 1; i <= n; i++) {
            out.writeInt(DefaultSignalStore.coId(l[i]));
            out.writeFloat(DefaultSignalStore.coWeight(l[i]));
          }
        } finally {
          s.unlockStripe(video, lockV);
        }
      }
    }
    out.writeInt(-1);
    for (Map.Entry<Integer, UserState> e : s.userStates.asMap().entrySet()) {
      UserState us = e.getValue();
      us.lock();
      try {
        out.writeInt(e.getKey());
        out.writeLong(us.epoch);
        for (int kind = 0; kind < AffinityKind.values().length; kind++) {
          out.writeInt(us.size(kind));
          us.write(kind, out);
        }
        int[] hist = new int[us.histSize];
        us.history(hist);
        out.writeInt(hist.length);
        int bound = us.historyBound();
        for (int i = hist.length - 1; i >= 0; i--) {
          int slot = (us.histHead - 1 - i + 2 * bound) % bound;
          out.writeInt(us.historyVideo(slot));
          out.writeLong(us.historyTime(slot));
        }
        int[] seen = us.seenInOrder();
        out.writeInt(seen.length);
        for (int v : seen) {
          out.writeInt(v);
        }
        int[] follows = us.follows == null ? new int[0] : us.follows.toIntArray();
        out.writeInt(follows.length);
        for (int f : follows) {
          out.writeInt(f);
        }
        out.writeLong(us.adImpressions);
        out.writeLong(us.adClicks);
      } finally {
        us.unlock();
      }
    }
    out.writeInt(-1);
    s.dedup.write(out);
  }

  // ------------------------------------------------------------------ read

  static CoreSnapshot read(Path dir, TimeSource time) throws IOException {
    java.util.Objects.requireNonNull(dir, "dir");
    java.util.Objects.requireNonNull(time, "timeSource");
    String name;
    try {
      name = Files.readString(dir.resolve(CURRENT), StandardCharsets.US_ASCII).trim();
    } catch (NoSuchFileException e) {
      throw new IOException("no snapshot in " + dir + ": " + CURRENT + " is missing", e);
    }
    if (!name.matches(PREFIX + "\\d+")) {
      throw new IOException(
          "corrupt snapshot in " + dir + ": " + CURRENT + " names '" + name + "'");
    }
    Path snap = dir.resolve(name);
    Path users = snap.resolve("users.bin");
    Path catalog = snap.resolve("catalog.bin");
    Path signals = snap.resolve("signals.bin");
    verify(users, USERS);
    verify(catalog, CATALOG);
    verify(signals, SIGNALS);
    try {
      UserRegistry reg = parse(users, Snapshots::readUsers);
      Catalog cat = parse(catalog, in -> readCatalog(in, time));
      DefaultSignalStore store = parse(signals, in -> readSignals(in, cat, reg, time));
      return new CoreSnapshot(cat, reg, store);
    } catch (RuntimeException e) {
      throw new IOException("corrupt snapshot " + snap + ": " + e.getMessage(), e);
    }
  }

  /** Checks size, header and CRC32C of a file without interpreting its payload. */
  private static void verify(Path file, int kind) throws IOException {
    long size;
    try {
      size = Files.size(file);
    } catch (NoSuchFileException e) {
      throw new IOException("corrupt snapshot: " + file + " is missing", e);
    }
    if (size < 20) {
      throw new IOException("corrupt snapshot: " + file + " is truncated (" + size + " bytes)");
    }
    CRC32C crc = new CRC32C();
    try (InputStream raw = new BufferedInputStream(Files.newInputStream(file), 1 << 16)) {
      DataInputStream in = new DataInputStream(new CheckedInputStream(raw, crc));
      int magic = in.readInt();
      int version = in.readInt();
      int k = in.readInt();
      if (magic != MAGIC) {
        throw new IOException("not a foryou snapshot file: " + file);
      }
      if (version != VERSION) {
        throw new IOException(
            "unsupported snapshot version "
                + version
                + " in "
                + file
                + " (supported: "
                + VERSION
                + ")");
      }
      if (k != kind) {
        throw new IOException(
            "corrupt snapshot: " + file + " has kind " + k + ", expected " + kind);
      }
      in.skipNBytes(size - 8 - 12);
      long expected = new DataInputStream(raw).readLong();
      if (expected != crc.getValue()) {
        throw new IOException("corrupt snapshot: checksum mismatch in " + file);
      }
    } catch (EOFException e) {
      throw new IOException("corrupt snapshot: " + file + " is truncated", e);
    }
  }

  private static <T> T parse(Path file, Parser<T> parser) throws IOException {
    try (DataInputStream in =
        new DataInputStream(new BufferedInputStream(Files.newInputStream(file), 1 << 16))) {
      in.skipNBytes(12);
      return parser.read(in);
    } catch (EOFException e) {
      throw new IOException("corrupt snapshot: " + file + " ends early", e);
    }
  }

  private static int count(DataInputStream in, int max, String what) throws IOException {
    int n = in.readInt();
    if (n < 0 || n > max) {
      throw new IOException("corrupt snapshot: bad " + what + " count " + n);
    }
    return n;
  }

  private static UserRegistry readUsers(DataInputStream in) throws IOException {
    UserRegistry reg = new UserRegistry();
    int n = count(in, Integer.MAX_VALUE, "user");
    for (int u = 0; u < n; u++) {
      String id = in.readUTF();
      UserAttributes a =
          new UserAttributes(
              AgeBand.values()[in.readByte()],
              Gender.values()[in.readByte()],
              in.readUTF(),
              in.readUTF(),
              in.readUTF(),
              DeviceOs.values()[in.readByte()],
              in.readBoolean());
      if (reg.register(id, a) != u) {
        throw new IOException("corrupt snapshot: duplicate user id " + id);
      }
    }
    return reg;
  }

  private static void readIds(DataInputStream in, IdMap map) throws IOException {
    int n = count(in, Integer.MAX_VALUE, "id");
    for (int i = 0; i < n; i++) {
      if (map.intern(in.readUTF()) != i) {
        throw new IOException("corrupt snapshot: duplicate id in id map");
      }
    }
  }

  private static Catalog readCatalog(DataInputStream in, TimeSource time) throws IOException {
    int dim = in.readInt();
    Catalog c = Catalog.builder().dimension(dim).timeSource(time).build();
    readIds(in, c.creators());
    readIds(in, c.hashtags());
    readIds(in, c.sounds());
    readIds(in, c.categories());
    readIds(in, c.languages());
    int bound = count(in, Integer.MAX_VALUE, "video");
    for (int v = 0; v < bound; v++) {
      String id = in.readUTF();
      int idx;
      if (in.readBoolean()) {
        String creator = in.readUTF();
        long duration = in.readLong();
        long published = in.readLong();
        String lang = in.readUTF();
        int nt = count(in, 1 << 16, "hashtag");
        List<String> tags = new ArrayList<>(nt);
        for (int i = 0; i < nt; i++) {
          tags.add(in.readUTF());
        }
        String sound = in.readUTF();
        String category = in.readUTF();
        boolean sponsored = in.readBoolean();
        float[] emb = null;
        if (in.readBoolean()) {
          emb = new float[dim];
          for (int i = 0; i < dim; i++) {
            emb[i] = in.readFloat();
          }
        }
        idx =
            c.upsert(
                new Video(
                    id, creator, duration, published, lang, tags, sound, category, emb, sponsored));
      } else {
        // a removed video keeps its index: take it with a placeholder, then remove it
        String creator = c.creators().size() > 0 ? c.creators().id(0) : "removed";
        idx = c.upsert(new Video(id, creator, 1, 0, "", List.of(), "", "", null, false));
        c.remove(id);
      }
      if (idx != v) {
        throw new IOException("corrupt snapshot: video " + id + " got index " + idx + ", not " + v);
      }
    }
    c.refresh();
    return c;
  }

  private static DefaultSignalStore readSignals(
      DataInputStream in, Catalog catalog, UserRegistry users, TimeSource time) throws IOException {
    Settings settings = Settings.read(in);
    DefaultSignalStore s = new DefaultSignalStore(catalog, users, settings, time);
    int nc = DefaultSignalStore.NC;
    int bound = catalog.indexBound();
    float[] ref = new float[nc];
    long[] total = new long[nc];
    for (int video = in.readInt(); video != -1; video = in.readInt()) {
      if (video < 0 || video >= bound) {
        throw new IOException("corrupt snapshot: video " + video + " outside the catalog");
      }
      long epoch = in.readLong();
      for (int c = 0; c < nc; c++) {
        ref[c] = in.readFloat();
      }
      for (int c = 0; c < nc; c++) {
        total[c] = in.readLong();
      }
      int n = count(in, settings.coEngagedPerVideo(), "co-engagement");
      long coEpoch = n > 0 ? in.readLong() : DefaultSignalStore.UNSET;
      int[] ids = new int[n];
      float[] w = new float[n];
      for (int i = 0; i < n; i++) {
        ids[i] = in.readInt();
        w[i] = in.readFloat();
      }
      s.restoreVideo(video, epoch, ref, total, coEpoch, ids, w);
    }
    for (int user = in.readInt(); user != -1; user = in.readInt()) {
      if (!users.contains(user)) {
        throw new IOException("corrupt snapshot: user " + user + " not registered");
      }
      UserState us = new UserState();
      us.epoch = in.readLong();
      for (AffinityKind kind : AffinityKind.values()) {
        int n = count(in, 10_000_000, "affinity");
        for (int i = 0; i < n; i++) {
          us.put(kind.ordinal(), in.readInt(), in.readDouble());
        }
      }
      int nh = count(in, settings.historySize(), "history");
      for (int i = 0; i < nh; i++) {
        us.addHistory(in.readInt(), in.readLong(), settings.historySize());
      }
      int ns = count(in, settings.seenSetSize(), "seen");
      for (int i = 0; i < ns; i++) {
        us.seen(in.readInt(), settings.seenSetSize());
      }
      int nf = count(in, 10_000_000, "follow");
      for (int i = 0; i < nf; i++) {
        us.follow(in.readInt());
      }
      us.adImpressions = in.readLong();
      us.adClicks = in.readLong();
      us.lastAccess = time.nowMillis();
      us.lastTouch = us.lastAccess;
      s.userStates.put(user, us);
      s.setSlot(user, us);
    }
    s.dedup.read(in);
    return s;
  }
}
