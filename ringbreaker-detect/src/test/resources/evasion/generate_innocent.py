import random
random.seed(11)
base = """dropbox dropboxpaper dropboxtips dropboxbusiness dropboxfolder dropboxsync dropboxdesign boxing boxingday boxinglife
kickboxing boxlunch lunchbox boxset toolbox jukebox shoebox boxers linkedin linkedinlearning cufflinks golflinks
hyperlinks sausagelinks linksgolf linkinpark chainlinks droplinks dropshipping dropkick dropzone raindrop dropout
backdrop snowdrop cardtrade pokemontrade tradingcards tradecards fairtrade tradeshow tradewinds freetrade tradeschool
tradesman tradingpost stocktrade daytrade bookswap plantswap seedswap cardswap pokemoncards magicthegathering
filefolder foldertab folderart foldercraft papercraft foldersandfiles homefolder example exampletext examplecode
sampletag tagline hashtag nametag pricetag tagteam tradetalk sampleroom samplesale vaultdoor vaultgames codevault
samplecode codeshare sourcecode vaultboy vaulthunters barcode postcode dresscode morsecode boxinggloves
summertrade winterboots travelgram foodie sunset sunrise nofilter photooftheday instagood throwback tbt
football soccer basketball tennis golf swimming cycling running hiking climbing skateboarding surfing
knitting crochet gardening baking cooking painting drawing photography birding fishing camping
gamenight boardgames chess puzzles lego origami calligraphy pottery woodworking
dropboxpaper2020 dropbox_paper dropbox.paper linked_in linkedin2024 cardtrade2019 card_trade pokemon_trade
boxing2020 trade_cards trading_cards fair_trade boxlunch2021 lunch_box""".split()
styles = [lambda s: s, lambda s: s.upper(), lambda s: s.capitalize(), lambda s: s + "2023", lambda s: "new" + s,
          lambda s: s.replace("o", "0"), lambda s: "\uff03"[:0] + ''.join(chr(ord(c)+0xFEE0) if 'a'<=c<='z' else c for c in s),
          lambda s: s + "_club", lambda s: s.replace("e", "3")]
phrases = ["dm me to trade cards", "my dropbox folder for the team", "shared the slides on dropbox", "boxing class at six",
  "trade binder pages tonight", "links in my bio for the bake sale", "lunch box ideas for school", "golf links at dawn",
  "card trade meetup saturday", "pokemon trade night", "folder of recipes", "example text here", "sample vault tour",
  "check out linkedin", "drop by the box office", "new box of crayons", "trade show booth", "hyperlinks in the doc",
  "swap meet sunday", "paper folder crafts"]
# real words one edit or a suffix away from a term; holdertrade is a known near false match
hard = ["holdertrade", "dropboxlinked", "dropboxlinkedin", "boxlinks", "dropboxpaperlinks", "tradetag",
        "exampletrade", "sampletradetag"]
out=[]; seen=set()
for b in base:
    for st in random.sample(styles, 3) if len(b) > 5 else [styles[0]]:
        s = st(b)
        if s not in seen: seen.add(s); out.append(s)
for p in phrases + hard:
    out.append(p)
print(len(out))
open('innocent.txt','w').write(
 "# Innocent tags and phrases that look close to the placeholder terms; none may match.\n"
 "# Regenerate from this folder: python3 generate_innocent.py (seeded; the output is checked in).\n" + '\n'.join(out) + '\n')
