package io.ringbreaker.detect.offplatform;

import io.ringbreaker.detect.offplatform.Urls.Url;
import java.util.List;
import java.util.Optional;

/**
 * Reduces a share link to the identity of what it shares, {@code provider:kind:id}, so one folder
 * is recognised whatever the link's decoration (query strings, file names, tracking, MEGA keys).
 * {@code kind} is {@code folder} or {@code file} when the link's form says which, else {@code share}
 * (Box /s/, Terabox /s/, pCloud publinks, Drive open?id, iCloud Drive links can be either).
 */
final class CloudLinks {

  record Share(String provider, String kind, String id, boolean keyPresent) {
    String identity() {
      return provider + ":" + kind + ":" + id;
    }
  }

  private CloudLinks() {}

  static Optional<Share> identify(Url u) {
    if (u.site().isEmpty()) {
      return Optional.empty();
    }
    List<String> seg = u.segments();
    return switch (u.site().get()) {
      case "dropbox" -> dropbox(seg);
      case "gdrive" -> gdrive(u, seg);
      case "mega" -> mega(u, seg);
      case "mediafire" -> at(seg, 0, "folder", "mediafire", "folder", 1)
          .or(() -> at(seg, 0, "file", "mediafire", "file", 1));
      case "onedrive" -> onedrive(u, seg);
      case "box" -> at(seg, 0, "s", "box", "share", 1)
          .or(() -> at(seg, 0, "folder", "box", "folder", 1))
          .or(() -> at(seg, 0, "file", "box", "file", 1));
      case "icloud" -> icloud(u, seg);
      case "pcloud" -> pcloud(u, seg);
      case "terabox" -> terabox(u, seg);
      case "yandex" -> at(seg, 0, "d", "yandex", "folder", 1)
          .or(() -> at(seg, 0, "i", "yandex", "file", 1));
      default -> Optional.empty();
    };
  }

  /** {@code seg[index] == word} and a plausible id at {@code seg[index + idAt]}. */
  private static Optional<Share> at(List<String> seg, int index, String word, String provider,
                                    String kind, int idAt) {
    if (seg.size() > index + idAt && seg.get(index).equalsIgnoreCase(word)) {
      return share(provider, kind, seg.get(index + idAt), false);
    }
    return Optional.empty();
  }

  private static Optional<Share> share(String provider, String kind, String id, boolean key) {
    return isId(id) ? Optional.of(new Share(provider, kind, id, key)) : Optional.empty();
  }

  /** Ids are opaque tokens: letters, digits, - _ ! and a few more; never empty, never huge. */
  private static boolean isId(String id) {
    if (id.length() < 4 || id.length() > 200) {
      return false;
    }
    for (int i = 0; i < id.length(); i++) {
      char c = id.charAt(i);
      if (!(Urls.isAsciiAlnum(c) || c == '-' || c == '_' || c == '!' || c == '~')) {
        return false;
      }
    }
    return true;
  }

  private static Optional<Share> dropbox(List<String> seg) {
    if (seg.size() >= 3 && seg.get(0).equals("scl")) {
      return switch (seg.get(1)) {
        case "fo" -> share("dropbox", "folder", seg.get(2), false);
        case "fi" -> share("dropbox", "file", seg.get(2), false);
        default -> Optional.empty();
      };
    }
    return at(seg, 0, "sh", "dropbox", "folder", 1).or(() -> at(seg, 0, "s", "dropbox", "file", 1));
  }

  private static Optional<Share> gdrive(Url u, List<String> seg) {
    int folders = seg.indexOf("folders");
    if (folders >= 0 && folders + 1 < seg.size()) {
      return share("gdrive", "folder", seg.get(folders + 1), false);
    }
    int d = seg.indexOf("d");
    if (d >= 0 && d + 1 < seg.size()) {
      return share("gdrive", "file", seg.get(d + 1), false);
    }
    if (!seg.isEmpty() && (seg.get(0).equals("open") || seg.get(0).equals("uc"))) {
      return u.param("id").flatMap(id -> share("gdrive", "share", id, false));
    }
    return Optional.empty();
  }

  private static Optional<Share> mega(Url u, List<String> seg) {
    boolean key = !u.fragment().isEmpty();
    if (seg.size() >= 2 && (seg.get(0).equals("folder") || seg.get(0).equals("file"))) {
      return share("mega", seg.get(0), seg.get(1), key);
    }
    // Legacy links keep everything in the fragment: #F!id!key (folder) and #!id!key (file).
    String f = u.fragment();
    String kind = f.startsWith("F!") ? "folder" : f.startsWith("!") ? "file" : null;
    if (kind == null) {
      return Optional.empty();
    }
    String[] parts = f.substring(kind.equals("folder") ? 2 : 1).split("!", -1);
    return share("mega", kind, parts[0], parts.length > 1 && !parts[1].isEmpty());
  }

  private static Optional<Share> onedrive(Url u, List<String> seg) {
    if (u.host().equals("1drv.ms")) {
      if (seg.size() < 2) {
        return Optional.empty();
      }
      // 1drv.ms/<type>/<token…>: f is a folder, the other letters (u, b, w, x, p, i, v) files.
      String kind = seg.get(0).equals("f") ? "folder" : "file";
      String id = String.join("/", seg.subList(1, seg.size()));
      return isId(id.replace("/", "")) ? Optional.of(new Share("onedrive", kind, id, false))
          : Optional.empty();
    }
    Optional<String> resid = u.param("resid");
    if (resid.isPresent()) {
      return resid.flatMap(id -> share("onedrive", "file", id.replace("%21", "!"), false));
    }
    return u.param("id").flatMap(id -> share("onedrive", "folder", id.replace("%21", "!"), false));
  }

  private static Optional<Share> icloud(Url u, List<String> seg) {
    if (seg.size() >= 2 && seg.get(0).equals("iclouddrive")) {
      return share("icloud", "share", seg.get(1), false);
    }
    if (!seg.isEmpty() && (seg.get(0).equals("photos") || seg.get(0).equals("sharedalbum"))) {
      // share.icloud.com/photos/<id>; www.icloud.com/sharedalbum/#<id>
      String id = seg.size() >= 2 ? seg.get(1) : u.fragment();
      return share("icloud", "folder", id, false);
    }
    return Optional.empty();
  }

  private static Optional<Share> pcloud(Url u, List<String> seg) {
    if (!seg.isEmpty() && seg.get(0).equals("publink")) {
      return u.param("code").flatMap(code -> share("pcloud", "share", code, false));
    }
    if (u.host().equals("pcloud.link") && seg.size() == 1) {
      return share("pcloud", "share", seg.get(0), false);
    }
    return Optional.empty();
  }

  private static Optional<Share> terabox(Url u, List<String> seg) {
    // /s/1<surl> and /sharing/link?surl=<surl> name the same share.
    if (seg.size() >= 2 && seg.get(0).equals("s")) {
      String id = seg.get(1);
      return share("terabox", "share", id.startsWith("1") ? id.substring(1) : id, false);
    }
    if (!seg.isEmpty() && seg.get(0).equals("sharing")) {
      return u.param("surl").flatMap(s -> share("terabox", "share", s, false));
    }
    return Optional.empty();
  }
}
