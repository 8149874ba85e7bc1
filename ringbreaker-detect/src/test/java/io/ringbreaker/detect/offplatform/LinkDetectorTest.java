package io.ringbreaker.detect.offplatform;

import static io.ringbreaker.detect.offplatform.Scan.evidence;
import static io.ringbreaker.detect.offplatform.Scan.only;
import static io.ringbreaker.detect.offplatform.Scan.scan;
import static org.assertj.core.api.Assertions.assertThat;

import io.ringbreaker.model.Signal;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class LinkDetectorTest {
  private final LinkDetector detector = new LinkDetector();

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "new stuff https://www.dropbox.com/sh/k3x9q2abcd/AAB7zzQ?dl=0 ok|https://www.dropbox.com/sh/k3x9q2abcd/AAB7zzQ?dl=0|dropbox:folder:k3x9q2abcd",
      "dropbox.com/sh/k3x9q2abcd|dropbox.com/sh/k3x9q2abcd|dropbox:folder:k3x9q2abcd",
      "see dropbox.com/s/q8w7e6r5t4/notes.txt?dl=1.|dropbox.com/s/q8w7e6r5t4/notes.txt?dl=1|dropbox:file:q8w7e6r5t4",
      "www.dropbox.com/scl/fo/zq1x2c3v4b5n6m/hkey?rlkey=abc&dl=0|www.dropbox.com/scl/fo/zq1x2c3v4b5n6m/hkey?rlkey=abc&dl=0|dropbox:folder:zq1x2c3v4b5n6m",
      "(https://dropbox.com/scl/fi/pp0oo9ii8uu7/doc.pdf)|https://dropbox.com/scl/fi/pp0oo9ii8uu7/doc.pdf|dropbox:file:pp0oo9ii8uu7",
      "folder: dropbox (dot) com/sh/k3x9q2abcd|dropbox (dot) com/sh/k3x9q2abcd|dropbox:folder:k3x9q2abcd",
      "go to drop box . com/sh/k3x9q2abcd now|drop box . com/sh/k3x9q2abcd|dropbox:folder:k3x9q2abcd",
      "dropbox[.]com/sh/k3x9q2abcd|dropbox[.]com/sh/k3x9q2abcd|dropbox:folder:k3x9q2abcd",
      "at dropbox dot com/sh/k3x9q2abcd|dropbox dot com/sh/k3x9q2abcd|dropbox:folder:k3x9q2abcd",
      "DROPBOX DOT COM/sh/k3x9q2abcd|DROPBOX DOT COM/sh/k3x9q2abcd|dropbox:folder:k3x9q2abcd",
      "dropbox\uFF0Ecom/sh/k3x9q2abcd|dropbox\uFF0Ecom/sh/k3x9q2abcd|dropbox:folder:k3x9q2abcd",
      "dropbox\u3002com/sh/k3x9q2abcd|dropbox\u3002com/sh/k3x9q2abcd|dropbox:folder:k3x9q2abcd",
      "dropbox{.}com/sh/k3x9q2abcd|dropbox{.}com/sh/k3x9q2abcd|dropbox:folder:k3x9q2abcd",
      "http://dropbox ( dot ) com/sh/k3x9q2abcd|http://dropbox ( dot ) com/sh/k3x9q2abcd|dropbox:folder:k3x9q2abcd",
      "https://drive.google.com/drive/folders/1AbCdEfGhIjKlMnOpQrStUvWx?usp=sharing|https://drive.google.com/drive/folders/1AbCdEfGhIjKlMnOpQrStUvWx?usp=sharing|gdrive:folder:1AbCdEfGhIjKlMnOpQrStUvWx",
      "drive.google.com/drive/u/0/folders/1AbCdEfGhIjKlMnOpQrStUvWx|drive.google.com/drive/u/0/folders/1AbCdEfGhIjKlMnOpQrStUvWx|gdrive:folder:1AbCdEfGhIjKlMnOpQrStUvWx",
      "drive.google.com/file/d/1ZyXwVuTsRqPoNmLkJiH/view|drive.google.com/file/d/1ZyXwVuTsRqPoNmLkJiH/view|gdrive:file:1ZyXwVuTsRqPoNmLkJiH",
      "drive.google.com/open?id=1ZyXwVuTsRqPoNmLkJiH|drive.google.com/open?id=1ZyXwVuTsRqPoNmLkJiH|gdrive:share:1ZyXwVuTsRqPoNmLkJiH",
      "mega.nz/folder/Ab3De5Gh#Kq9Zx8Wv7Ut6Sr5|mega.nz/folder/Ab3De5Gh#Kq9Zx8Wv7Ut6Sr5|mega:folder:Ab3De5Gh",
      "https://mega.nz/file/Zz9Yy8Xx#Kq9Zx8Wv7Ut6Sr5|https://mega.nz/file/Zz9Yy8Xx#Kq9Zx8Wv7Ut6Sr5|mega:file:Zz9Yy8Xx",
      "https://mega.nz/#F!Ab3De5Gh!Kq9Zx8Wv7Ut6Sr5|https://mega.nz/#F!Ab3De5Gh!Kq9Zx8Wv7Ut6Sr5|mega:folder:Ab3De5Gh",
      "mega.co.nz/#!Zz9Yy8Xx!Kq9Zx8Wv7Ut6Sr5|mega.co.nz/#!Zz9Yy8Xx!Kq9Zx8Wv7Ut6Sr5|mega:file:Zz9Yy8Xx",
      "www.mediafire.com/folder/q1w2e3r4t5y6u/stuff|www.mediafire.com/folder/q1w2e3r4t5y6u/stuff|mediafire:folder:q1w2e3r4t5y6u",
      "mediafire.com/file/a9s8d7f6g5h4j3/x.zip/file|mediafire.com/file/a9s8d7f6g5h4j3/x.zip/file|mediafire:file:a9s8d7f6g5h4j3",
      "https://1drv.ms/f/s!AqQwErTyUiOp1234|https://1drv.ms/f/s!AqQwErTyUiOp1234|onedrive:folder:s!AqQwErTyUiOp1234",
      "1drv.ms/u/s!AqQwErTyUiOp5678|1drv.ms/u/s!AqQwErTyUiOp5678|onedrive:file:s!AqQwErTyUiOp5678",
      "onedrive.live.com/?id=ABCDEF0123%21105&cid=ABCDEF0123|onedrive.live.com/?id=ABCDEF0123%21105&cid=ABCDEF0123|onedrive:folder:ABCDEF0123!105",
      "https://app.box.com/s/zx8cv7bn6m5lk4jh3g2f|https://app.box.com/s/zx8cv7bn6m5lk4jh3g2f|box:share:zx8cv7bn6m5lk4jh3g2f",
      "app.box.com/folder/123456789012|app.box.com/folder/123456789012|box:folder:123456789012",
      "https://www.icloud.com/iclouddrive/0aBcDeFgHiJkLmNoP#stuff|https://www.icloud.com/iclouddrive/0aBcDeFgHiJkLmNoP#stuff|icloud:share:0aBcDeFgHiJkLmNoP",
      "share.icloud.com/photos/0qWeRtYuIoP|share.icloud.com/photos/0qWeRtYuIoP|icloud:folder:0qWeRtYuIoP",
      "https://u.pcloud.link/publink/show?code=XZaBcDeFgHiJ|https://u.pcloud.link/publink/show?code=XZaBcDeFgHiJ|pcloud:share:XZaBcDeFgHiJ",
      "pcloud.link/XZaBcDeFgHiJ|pcloud.link/XZaBcDeFgHiJ|pcloud:share:XZaBcDeFgHiJ",
      "https://terabox.com/s/1qAzWsXeDcRf|https://terabox.com/s/1qAzWsXeDcRf|terabox:share:qAzWsXeDcRf",
      "www.1024terabox.com/sharing/link?surl=qAzWsXeDcRf|www.1024terabox.com/sharing/link?surl=qAzWsXeDcRf|terabox:share:qAzWsXeDcRf",
      "https://disk.yandex.ru/d/pL0oKmIjNuHb|https://disk.yandex.ru/d/pL0oKmIjNuHb|yandex:folder:pL0oKmIjNuHb",
      "yadi.sk/d/pL0oKmIjNuHb|yadi.sk/d/pL0oKmIjNuHb|yandex:folder:pL0oKmIjNuHb",
      "disk.yandex.com/i/mN8bV7cX6zAs|disk.yandex.com/i/mN8bV7cX6zAs|yandex:file:mN8bV7cX6zAs",
  })
  void shareLinksReduceToTheirIdentity(String text, String evidence, String identity) {
    Signal s = only(detector, text);
    assertThat(s.kind()).isEqualTo(LinkDetector.CLOUD);
    assertThat(s.value()).isEqualTo(identity);
    assertThat(evidence(text, s)).isEqualTo(evidence);
    assertThat(s.detail()).containsEntry("provider", identity.split(":")[0])
        .containsEntry("kind", identity.split(":")[1]);
  }

  @Test
  void sameFolderAcrossDecorationsHasOneIdentity() {
    assertThat(List.of(
        "https://www.dropbox.com/sh/k3x9q2abcd/AAB7zzQ?dl=0",
        "dropbox.com/sh/k3x9q2abcd?dl=1",
        "http://dropbox.com/sh/k3x9q2abcd/AAB7zzQ/sub.jpg",
        "dropbox (dot) com/sh/k3x9q2abcd"))
        .map(t -> only(detector, t).value()).containsOnly("dropbox:folder:k3x9q2abcd");
  }

  @Test
  void megaKeyIsNotedButKeptOutOfIdentityAndUrl() {
    Signal s = only(detector, "mega.nz/folder/Ab3De5Gh#Kq9Zx8Wv7Ut6Sr5");
    assertThat(s.detail()).containsEntry("key", "true")
        .containsEntry("url", "https://mega.nz/folder/Ab3De5Gh");
    assertThat(s.detail().get("url")).doesNotContain("Kq9Zx8Wv7Ut6Sr5");
    Signal legacy = only(detector, "mega.nz/#F!Ab3De5Gh!Kq9Zx8Wv7Ut6Sr5");
    assertThat(legacy.detail()).containsEntry("key", "true")
        .containsEntry("url", "https://mega.nz/#F!Ab3De5Gh");
    assertThat(only(detector, "mega.nz/folder/Ab3De5Gh").detail()).containsEntry("key", "false");
  }

  @Test
  void spelledOutIsNoted() {
    assertThat(only(detector, "dropbox (dot) com/sh/k3x9q2abcd").detail()).containsEntry("spelled_out", "true");
    assertThat(only(detector, "dropbox.com/sh/k3x9q2abcd").detail()).containsEntry("spelled_out", "false");
  }

  @Test
  void urlDetailIsCanonical() {
    assertThat(only(detector, "HTTPS://WWW.DROPBOX.COM/sh/k3x9q2abcd?dl=0").detail())
        .containsEntry("url", "https://dropbox.com/sh/k3x9q2abcd?dl=0");
  }

  @Test
  void messagingLinksAreLinkUrls() {
    String text = "msg me t.me/blue_otter42 thx";
    Signal s = only(detector, text);
    assertThat(s.kind()).isEqualTo(LinkDetector.URL);
    assertThat(s.value()).isEqualTo("https://t.me/blue_otter42");
    assertThat(evidence(text, s)).isEqualTo("t.me/blue_otter42");
    assertThat(s.detail()).containsEntry("site", "telegram");
  }

  @Test
  void severalLinksInOneText() {
    String text = "a: dropbox.com/sh/k3x9q2abcd b: mega.nz/file/Zz9Yy8Xx#k and wa.me/447700900123";
    assertThat(scan(detector, text)).extracting(Signal::value).containsExactly(
        "dropbox:folder:k3x9q2abcd", "mega:file:Zz9Yy8Xx", "https://wa.me/447700900123");
  }

  @ParameterizedTest
  @ValueSource(strings = {
      "see dropbox.com", "https://example.org/page?x=1", "https://www.example.org",
      "meet at 5:30", "I paid $20", "drive.google.com", "mail me at team@dropbox.com",
      "the end. Then more.", "version 1.2.3 is out", "dropbox.com/login", "dropbox.com/sh/",
      "mega.nz", "https://www.google.com/search?q=dropbox", "connect the dots", "dot com bubble",
      "t.me", "box.com is a company", "our team docs are at docs.example.com/sh/abcdef"})
  void ordinaryTextAndLinksGiveNothing(String text) {
    assertThat(scan(detector, text)).isEmpty();
  }
}
