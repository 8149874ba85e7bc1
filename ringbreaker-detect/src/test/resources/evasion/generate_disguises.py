import random
random.seed(7)
terms = ["dropboxlinks", "exampletradetag", "foldertrade", "samplevaultcode"]
leet = {'o':'0','i':'1','l':'1','e':'3','a':'4','s':'5','t':'7','b':'8','g':'9'}
leet2 = {'a':'@','s':'$','i':'!','l':'|'}
cyr = {'a':'\u0430','e':'\u0435','o':'\u043e','p':'\u0440','c':'\u0441','x':'\u0445','y':'\u0443','i':'\u0456','s':'\u0455','j':'\u0458'}
grk = {'o':'\u03bf','i':'\u03b9','p':'\u03c1','v':'\u03bd','a':'\u03b1','k':'\u03ba','t':'\u03c4'}
zw = ['\u200b','\u200c','\u200d','\u2060','\ufeff','\u00ad']
seps = ['_','.','-','\u00b7',' ']
decor_after = ['2019','2020','2021','2024','4trade','fortrade','only','trade','boys','girls','new','links','group','69','123','_2020','vip','club','swap','4sale']
decor_before = ['new','2020','my','best','real','official','daily','the','vip','1']
def fw(s): return ''.join(chr(ord(c)+0xFEE0) if 'a'<=c<='z' else c for c in s)
def bold(s): return ''.join(chr(0x1D41A+ord(c)-97) if 'a'<=c<='z' else c for c in s)
def circ(s): return ''.join(chr(0x24D0+ord(c)-97) if 'a'<=c<='z' else c for c in s)
def sub(s, table, k):
    idx=[i for i,c in enumerate(s) if c in table]; random.shuffle(idx)
    s=list(s)
    for i in idx[:k]: s[i]=table[s[i]]
    return ''.join(s)
def split(s, sep, parts=3):
    n=len(s); cuts=sorted(random.sample(range(1,n),parts-1))
    out=[];p=0
    for c in cuts+[n]: out.append(s[p:c]); p=c
    return sep.join(out)
def rep(s):
    i=random.randrange(len(s)); return s[:i]+s[i]*random.randint(2,5)+s[i+1:]
def zws(s,k=2):
    s=list(s)
    for _ in range(k): s.insert(random.randrange(1,len(s)), random.choice(zw))
    return ''.join(s)
def drop(s):
    i=random.randrange(2,len(s)-1); return s[:i]+s[i+1:]
def swap(s):
    i=random.randrange(2,len(s)-2); return s[:i]+s[i+1]+s[i]+s[i+2:]
def mixcase(s): return ''.join(c.upper() if random.random()<0.5 else c for c in s)
out=[]
for t in terms:
    gens = [
      ('case', lambda: t.upper()), ('case', lambda: t.capitalize()), ('case', lambda: mixcase(t)),
      ('leet', lambda: sub(t, leet, 1)), ('leet', lambda: sub(t, leet, 2)), ('leet', lambda: sub(t, leet, 3)), ('leet', lambda: sub(t, leet, 9)), ('leet2', lambda: sub(t, leet2, 2)),
      ('sep', lambda: split(t, random.choice(seps), 2)), ('sep', lambda: split(t, random.choice(seps), 3)), ('sep', lambda: '.'.join(t)), ('sep', lambda: '_'.join(t)),
      ('rep', lambda: rep(t)), ('rep', lambda: rep(rep(t))),
      ('fw', lambda: fw(t)), ('bold', lambda: bold(t)), ('circled', lambda: circ(t)),
      ('cyr', lambda: sub(t, cyr, 1)), ('cyr', lambda: sub(t, cyr, 3)), ('cyr', lambda: sub(t, cyr, 9)), ('grk', lambda: sub(t, grk, 2)),
      ('zw', lambda: zws(t, 1)), ('zw', lambda: zws(t, 3)),
      ('dia', lambda: t.replace('o','\u00f6').replace('e','\u00e9')), ('dia', lambda: t.replace('a','a\u0301').replace('i','i\u0308').replace('o','o\u0302')),
      ('dec', lambda: t + random.choice(decor_after)), ('dec', lambda: random.choice(decor_before) + t), ('dec', lambda: random.choice(decor_before) + t + random.choice(decor_after)), ('dec', lambda: t + random.choice(decor_after) + random.choice(decor_after)),
      ('near', lambda: drop(t)), ('near', lambda: drop(t)), ('near', lambda: swap(t)), ('near', lambda: t[:4]+t[4]+t[4:]),
      ('combo', lambda: zws(sub(split(t, random.choice(seps), 2), leet, 2), 1)),
      ('combo', lambda: sub(t, leet, 2).upper() + random.choice(decor_after)),
      ('combo', lambda: fw(sub(t, cyr, 2)) + '2020'),
      ('combo', lambda: rep(sub(t, cyr, 2))),
      ('combo', lambda: random.choice(decor_before) + '_' + split(sub(t, leet, 1), '_', 2)),
      ('combo', lambda: mixcase(drop(sub(t, leet, 1)))),
      ('combo', lambda: zws(rep(t), 2) + random.choice(decor_after)),
    ]
    seen=set()
    for name,g in gens:
        for _ in range(3):
            s=g()
            if s in seen or s==t: continue
            seen.add(s); out.append((s,t))
print(len(out))
with open('disguises.txt','w') as f:
    f.write("# Disguised spellings of the placeholder listed terms: spelling<TAB>expected term.\n")
    f.write("# Regenerate from this folder: python3 generate_disguises.py (seeded; the output is checked in).\n")
    f.write("# Classes: case, leet, symbols, separators, repeats, full-width, styled, Cyrillic/Greek look-alikes,\n# zero-width characters, diacritics, decorations, near misses (dropped/swapped/doubled letter), combinations.\n")
    for s,t in out: f.write(s.replace('\n',' ')+'\t'+t+'\n')
