package dev.foryou.ranking.eval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RatingLoaderTest {

  @TempDir Path dir;

  @Test
  void load_movieLensTsvWithTypedHeader_readsRows() throws IOException {
    Path f = dir.resolve("ml").resolve("ratings.tsv");
    Files.createDirectories(f.getParent());
    Files.writeString(
        f,
        "user_id:token\titem_id:token\trating:float\ttimestamp:float\n"
            + "196\t242\t3\t881250949\n"
            + "186\t302\t3\t891717742\n"
            + "196\t302\t5\t881250950\n");
    RatingData d = RatingLoader.load(f, RatingLoader.Format.AUTO);
    assertThat(d.size()).isEqualTo(3);
    assertThat(d.users()).isEqualTo(2);
    assertThat(d.items()).isEqualTo(2);
    assertThat(d.hasTimestamps()).isTrue();
    assertThat(d.userId(d.user(2))).isEqualTo("196");
    assertThat(d.itemId(d.item(2))).isEqualTo("302");
    assertThat(d.rating(2)).isEqualTo(5f);
    assertThat(d.timestamp(1)).isEqualTo(891717742L);
    assertThat(d.name()).isEqualTo("ml");
    // a folder resolves to its ratings file
    assertThat(RatingLoader.load(f.getParent(), RatingLoader.Format.AUTO).size()).isEqualTo(3);
  }

  @Test
  void read_datDoubleColon_readsTenPointRatings() throws IOException {
    RatingData d =
        RatingLoader.read(
            new StringReader("1::0114508::8::1381006850\n2::0499549::10::1376753198\n"),
            "mt",
            RatingLoader.Format.AUTO);
    assertThat(d.size()).isEqualTo(2);
    assertThat(d.itemId(0)).isEqualTo("0114508");
    assertThat(d.maxRating()).isEqualTo(10f);
    assertThat(Protocols.ratingThreshold(null, d)).isEqualTo(6.0);
    assertThat(Protocols.ratingThreshold(7.0, d)).isEqualTo(7.0);
  }

  @Test
  void read_csvWithoutHeaderOrTimestamp_readsRows() throws IOException {
    RatingData d =
        RatingLoader.read(
            new StringReader("u1,i1,4.5\n\nu2,i1,2\n"), "csv", RatingLoader.Format.CSV);
    assertThat(d.size()).isEqualTo(2);
    assertThat(d.hasTimestamps()).isFalse();
    assertThat(d.rating(0)).isEqualTo(4.5f);
    assertThatThrownBy(() -> d.timestamp(0)).isInstanceOf(IllegalStateException.class);
    assertThat(Protocols.ratingThreshold(null, d)).isEqualTo(3.0);
  }

  @Test
  void read_headerWithoutTimestamp_skipsHeader() throws IOException {
    RatingData d =
        RatingLoader.read(
            new StringReader("user,item,rating\na,b,1\n"), "x", RatingLoader.Format.AUTO);
    assertThat(d.size()).isEqualTo(1);
  }

  @Test
  void read_badRating_reportsLineNumber() {
    assertThatThrownBy(
            () ->
                RatingLoader.read(
                    new StringReader("a\tb\t3\t1\na\tc\tfive\t2\n"), "x", RatingLoader.Format.TSV))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("line 2")
        .hasMessageContaining("five");
  }

  @Test
  void read_wrongFieldCount_reportsLineNumber() {
    assertThatThrownBy(
            () ->
                RatingLoader.read(
                    new StringReader("h1::h2::h3\n1::2::3\n1::2::3::4::5\n"),
                    "x",
                    RatingLoader.Format.DAT))
        .hasMessageContaining("line 3");
    assertThatThrownBy(
            () ->
                RatingLoader.read(
                    new StringReader("1,2,3,100\n1,3,4\n"), "x", RatingLoader.Format.CSV))
        .hasMessageContaining("line 2")
        .hasMessageContaining("expected 4 fields");
  }

  @Test
  void read_badTimestampOrEmptyId_reportsLineNumber() {
    assertThatThrownBy(
            () ->
                RatingLoader.read(
                    new StringReader("1,2,3,100\n1,3,4,soon\n"), "x", RatingLoader.Format.CSV))
        .hasMessageContaining("line 2")
        .hasMessageContaining("soon");
    assertThatThrownBy(
            () ->
                RatingLoader.read(new StringReader("1,2,3\n,3,4\n"), "x", RatingLoader.Format.CSV))
        .hasMessageContaining("line 2");
    assertThatThrownBy(
            () -> RatingLoader.read(new StringReader("1 2 3\n"), "x", RatingLoader.Format.AUTO))
        .hasMessageContaining("line 1");
  }

  @Test
  void parse_unknownFormat_throwsNamingIt() {
    assertThat(RatingLoader.Format.parse("DAT")).isEqualTo(RatingLoader.Format.DAT);
    assertThatThrownBy(() -> RatingLoader.Format.parse("xml")).hasMessageContaining("xml");
  }

  @Test
  void load_missingFile_throwsNamingPath() {
    Path p = dir.resolve("nope.tsv");
    assertThatThrownBy(() -> RatingLoader.load(p, RatingLoader.Format.AUTO))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("nope.tsv");
  }
}
