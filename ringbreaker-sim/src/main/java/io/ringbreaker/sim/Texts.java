package io.ringbreaker.sim;

/**
 * Every piece of text the simulator writes. All of it is bland placeholder text: everyday posts,
 * and for the rings only the shape of an advert or a solicitation ("dm me", "you send first"),
 * never anything about what is traded. {@code dropboxlinks} is the one real term (the tag publicly
 * reported in 2019); every other tag of the rings is invented.
 */
final class Texts {
  private Texts() {}

  static final String LISTED_TAG = "dropboxlinks";
  /** A harmless listed term: the lexicon allows it. Document teams use it. */
  static final String ALLOWED_TAG = "dropboxpaper";

  // ---- people ---------------------------------------------------------------------------------

  static final String[] HANDLE_A = {"sunny", "maple", "river", "quiet", "lucky", "cosmic", "little", "urban", "wild",
      "salty", "misty", "golden", "paper", "velvet", "happy", "sleepy", "brave", "north", "coastal", "rainy",
      "lemon", "cedar", "amber", "silver", "blue", "city", "forest", "honey", "pixel", "retro"};
  static final String[] HANDLE_B = {"days", "fox", "baker", "trails", "lens", "notes", "sparrow", "waves", "garden",
      "studio", "kitchen", "runner", "reader", "skies", "crumbs", "paws", "journal", "roots", "tides", "moments",
      "lane", "bloom", "club", "frames", "corner", "diary", "path", "stories", "vibes", "shots"};
  static final String[] FIRST = {"Maria", "Sam", "Alex", "Jo", "Priya", "Tom", "Lena", "Omar", "Kate", "Luis", "Mia",
      "Ben", "Aisha", "Noah", "Emma", "Yuki", "Chris", "Nina", "Leo", "Zoe", "Ravi", "Ines", "Max", "Ada", "Theo"};
  static final String[] LAST_INITIAL = {"A.", "B.", "C.", "D.", "F.", "G.", "H.", "K.", "L.", "M.", "N.", "P.", "R.",
      "S.", "T.", "W."};
  static final String[] BIOS = {"coffee and hiking", "photos and coffee", "dog person", "amateur baker",
      "running, books, sunsets", "plants everywhere", "weekend cyclist", "learning to cook", "travel when I can",
      "music and long walks", "student. tea addict", "cat parent", "sea swimmer", "trying film photography",
      "home cook, bad gardener", "footie on sundays", "museum nerd", "yoga and noodles", "board games night host",
      "just here for the sunsets"};

  // ---- ordinary content -----------------------------------------------------------------------

  static final String[] POST_TEXT = {"morning walk", "sunday brunch", "new recipe tried today", "view from the office",
      "beach day", "my cat again", "golden hour", "first snow", "weekend vibes", "market haul", "rainy afternoon",
      "finally finished this", "throwback to summer", "best pizza in town", "long run done", "new plant friend",
      "city lights", "lazy sunday", "road trip stop", "homemade bread"};
  static final String[] EVERYDAY_TAGS = {"sunrise", "nofilter", "food", "travel", "catsofinstagram",
      "dogsofinstagram", "weekend", "coffee", "nature", "sunset", "foodie", "bookstagram", "fitness", "art",
      "cityscape", "plants", "homemade", "beach"};
  /** Popular tags: ordinary users use them, and so do the rings, to be seen. */
  static final String[] POPULAR_TAGS = {"love", "photooftheday", "instagood", "picoftheday"};
  static final String[] COMMENTS = {"lovely light", "so good!", "where is this?", "miss this place", "beautiful",
      "haha love it", "need this recipe", "great shot", "wow", "so jealous", "cute!!", "dm me the recipe",
      "we should go back", "looks amazing", "this made my day"};
  static final String[] MESSAGES = {"where was this taken?", "are we still on for saturday?", "sent you the photos",
      "happy birthday!", "lol", "call me later", "did you see the game?", "running late, 10 min",
      "can you send me the recipe?", "thanks for yesterday", "what time tomorrow?", "omg same"};
  static final String[] REPLIES = {"haha yes", "sure!", "ok see you then", "thanks!", "no worries", "sounds good",
      "lol", "yes please"};
  static final String[] SPAM_REPORT_TEXT = {"spam", "keeps posting ads", "fake giveaway", "bot account"};

  // ---- rings ----------------------------------------------------------------------------------

  static final String[] RING_POSTS = {"new folders, dm me", "serious traders only", "check my bio",
      "fresh links this week, dm", "trading folders, no time wasters", "looking for active traders",
      "dm for the link", "you send first", "updated my folder, dm", "only trading, no selling"};
  static final String[] RING_POSTS_AFTER = {"we moved, check my bio", "new tag, follow", "old tag is dead, use",
      "backup account, dm", "still trading, check bio"};
  static final String[] RING_COMMENTS = {"dm me", "trade?", "you send first", "serious only", "check my bio",
      "sent you a dm", "kik?", "dm'd", "follow back for trade", "active?"};
  static final String[] RING_MESSAGES = {"you send first", "serious traders only", "what do you have?",
      "check your requests", "send yours and I send mine", "ok deal", "new ones later"};
  static final String[] RING_PROSPECT_MESSAGES = {"hey, trade? check my bio", "dm me if you want to trade",
      "saw your post, trade?", "you into trading? add me"};
  static final String[] PROSPECT_REPLIES = {"who is this?", "no thanks", "stop messaging me", "??"};
  static final String[] RING_BIO_PREFIX = {"trading only", "no time wasters", "dm open", "serious only",
      "backup acc", "ask in dm"};
  /** Invented tags the rings move to once the listed tag is restricted; never on the lexicon. */
  static final String[] EMERGING_A = {"box", "folder", "vault", "crate", "cloud", "stash"};
  static final String[] EMERGING_B = {"swap", "club", "xchange", "crew", "circle", "tradez"};

  // ---- flood ----------------------------------------------------------------------------------

  static final String[] FLOOD_POSTS = {"this tag is now for memes", "reported", "stop using this tag",
      "taking this tag back", "memes only here now", "report every account in this tag", "flooding this tag lol",
      "nothing to see here, just memes"};
  static final String[] FLOOD_TAGS = {"memes", "meme", "lol", "funny"};
  static final String[] FLOOD_COMMENTS = {"reported", "reported lol", "get off this tag", "reported and blocked"};
  static final String[] FLOOD_REPORT_TEXT = {"account in the tag", "trading account", "suspicious account"};

  // ---- look-alikes ----------------------------------------------------------------------------

  static final String[] CARD_TAGS = {"cardtrade", "tradingcards", "holofoilswap", "cardcollector", "boosterbox"};
  static final String[] CARD_POSTS = {"dm me to trade", "new pulls today", "trades only, no lowballs",
      "looking for the holo set", "binder update", "serious traders only", "full set for trade, dm"};
  static final String[] CARD_COMMENTS = {"trade?", "dm me", "what do you want for it?", "still available?",
      "nice pull!", "serious offers only"};
  static final String[] CARD_MESSAGES = {"you send first? I have references", "serious traders only",
      "what's your best offer for the holo?", "shipped, tracking tomorrow", "deal", "can you do a bundle?"};
  static final String[] CARD_BIO = {"cards + collectibles", "binder collector", "trades and sales",
      "vintage card hunter"};

  static final String[] DOC_TAGS = {"teamwork", "meetingnotes", "projectplanning", "remotework"};
  static final String[] DOC_POSTS = {"agenda for thursday", "minutes from today's meeting", "draft for review",
      "quarterly plan is up", "slides from the workshop"};
  static final String[] DOC_MESSAGES = {"minutes:", "updated the deck:", "agenda:", "budget sheet:",
      "can everyone review this:"};
  static final String[] DOC_FOLDER_MESSAGES = {"shared folder for the project:", "all the photos from the offsite:",
      "put your drafts here:"};
  static final String[] DOC_FILES = {"agenda.pdf", "minutes.docx", "budget.xlsx", "roadmap.pdf", "deck.pdf",
      "notes.txt"};
  static final String[] DOC_ORGS = {"the library board", "riverside community garden", "the robotics club",
      "a small design studio", "the parents' association", "the chess society"};

  /** Id alphabet of Google Drive and MEGA links. */
  static final String URL_SAFE = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
  static final String LOWER_ALNUM = "abcdefghijklmnopqrstuvwxyz0123456789";
  static final String ALNUM = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
  static final String SYLLABLES_CONS = "bdfgklmnprstvz";
  static final String SYLLABLES_VOW = "aeiou";

  /** An invented pronounceable name like "zolvek"; used for handles on other apps. */
  static String word(Rng r, int syllables) {
    StringBuilder sb = new StringBuilder(syllables * 2 + 1);
    for (int i = 0; i < syllables; i++) {
      sb.append(SYLLABLES_CONS.charAt(r.nextInt(SYLLABLES_CONS.length())));
      sb.append(SYLLABLES_VOW.charAt(r.nextInt(SYLLABLES_VOW.length())));
    }
    if (r.chance(0.5)) {
      sb.append(SYLLABLES_CONS.charAt(r.nextInt(SYLLABLES_CONS.length())));
    }
    return sb.toString();
  }

  /** {@code #a #b}: the tags as they are written in text. */
  static void appendTags(StringBuilder sb, String... tags) {
    for (String t : tags) {
      sb.append(" #").append(t);
    }
  }
}
