package io.ringbreaker.sim;

/**
 * Mints the off-platform traces the rings leave: cloud-storage folder links, handles on other
 * apps, payment ids. All syntactically valid, all random: the folder ids, names and addresses
 * belong to no one. Phone numbers come from ranges reserved for fiction (UK 07700 900xxx,
 * Australia 0491 570xxx, US 555-01xx).
 */
final class OffPlatform {
  private OffPlatform() {}

  static String dropboxFolder(Rng r) {
    return "https://www.dropbox.com/sh/" + r.chars(Texts.LOWER_ALNUM, 15) + "/"
        + r.chars(Texts.URL_SAFE, 25) + "?dl=0";
  }

  static String driveFolder(Rng r) {
    return "https://drive.google.com/drive/folders/1" + r.chars(Texts.URL_SAFE, 32);
  }

  static String megaFolder(Rng r) {
    return "https://mega.nz/folder/" + r.chars(Texts.ALNUM, 8) + "#" + r.chars(Texts.URL_SAFE, 22);
  }

  static String anyFolder(Rng r) {
    return switch (r.nextInt(5)) {
      case 0, 1 -> dropboxFolder(r);
      case 2, 3 -> driveFolder(r);
      default -> megaFolder(r);
    };
  }

  /** A Dropbox file link of the kind teams share ({@code /scl/fi/…}). */
  static String dropboxFile(Rng r, String fileName) {
    String base = "https://www.dropbox.com/scl/fi/" + r.chars(Texts.LOWER_ALNUM, 25) + "/" + fileName;
    return r.chance(0.5) ? base + "?dl=0" : base + "?rlkey=" + r.chars(Texts.LOWER_ALNUM, 25) + "&dl=0";
  }

  /**
   * How a link is written in a message: 0 as is, 1 without scheme ({@code dropbox.com/sh/…}),
   * 2 spelled out ({@code dropbox (dot) com/sh/…}), the way people dodge link filters.
   */
  static String render(String https, int form) {
    if (form == 0) {
      return https;
    }
    String s = https.substring("https://".length());
    if (s.startsWith("www.")) {
      s = s.substring(4);
    }
    if (form == 1) {
      return s;
    }
    int slash = s.indexOf('/');
    String host = s.substring(0, slash).replace(".", " (dot) ");
    String rest = s.substring(slash);
    int q = rest.indexOf('?');
    return host + (q >= 0 ? rest.substring(0, q) : rest);
  }

  /** A name for another app: lower-case, maybe with digits or an underscore. */
  static String appName(Rng r) {
    String w = Texts.word(r, r.between(2, 3));
    return switch (r.nextInt(3)) {
      case 0 -> w + r.between(10, 99);
      case 1 -> w + "_" + Texts.word(r, 1);
      default -> w + "x";
    };
  }

  /** The digits of a wa.me link: a number from a range set aside for fiction. */
  static String fictionalPhone(Rng r) {
    return switch (r.nextInt(3)) {
      case 0 -> "447700900" + pad3(r.nextInt(1000));
      case 1 -> "61491570" + pad3(r.nextInt(1000));
      default -> "120255501" + pad2(r.nextInt(100));
    };
  }

  static String paypal(Rng r) {
    return "paypal.me/" + Texts.word(r, 2) + r.between(1, 99);
  }

  static String cashtag(Rng r) {
    return "$" + Texts.word(r, 2) + Texts.word(r, 1);
  }

  /** A P2PKH or P2WPKH address with a valid checksum, from random bytes (nobody holds its key). */
  static String bitcoin(Rng r) {
    byte[] h = new byte[20];
    r.bytes(h);
    return r.chance(0.5) ? Base58Check.p2pkh(h) : Bech32.p2wpkh(h);
  }

  private static String pad3(int n) {
    return n < 10 ? "00" + n : n < 100 ? "0" + n : Integer.toString(n);
  }

  private static String pad2(int n) {
    return n < 10 ? "0" + n : Integer.toString(n);
  }
}
