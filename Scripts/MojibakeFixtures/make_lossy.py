"""Garbles real news text with real lossy decoders; see Scripts/make-lossy-mojibake-fixtures."""
import codecs, json, os, random, re, sys

import opencc

root, corpus_path = sys.argv[1], sys.argv[2]
out_dir = os.path.join(root, "Fixtures/mojibake-lossy")
ROWS, DOCUMENTS, DOCUMENT_LINES = 60, 2, 12

# The WHATWG Encoding Standard's decoders (what browsers and headless scrapers produce), their
# error handling written out here over Python's tables (gb18030; big5hkscs for WHATWG's Big5
# index, which includes HKSCS): 0x80 reads as €, an invalid pair whose trail is not ASCII is one
# U+FFFD for both bytes (Python's codecs drop one byte and resynchronise), windows-1252 maps
# 81 8D 8F 90 9D to C1 controls. Emissions are (index of the last byte consumed, characters).
def whatwg_emissions(data, encoding):
    if encoding == "windows-1252":
        return [(i, bytes([b]).decode("latin-1" if b in (0x81, 0x8D, 0x8F, 0x90, 0x9D) else "cp1252"))
                for i, b in enumerate(data)]
    table, trails = ("gb18030", lambda t: 0x40 <= t <= 0x7E or 0x80 <= t <= 0xFE) if encoding == "gb18030" \
        else ("big5hkscs", lambda t: 0x40 <= t <= 0x7E or 0xA1 <= t <= 0xFE)
    out, i, n = [], 0, len(data)
    while i < n:
        b = data[i]
        if b < 0x80:
            out.append((i, chr(b))); i += 1; continue
        if encoding == "gb18030" and b == 0x80:
            out.append((i, "\u20ac")); i += 1; continue
        if b == 0xFF or (encoding == "big5" and b == 0x80) or i + 1 >= n:
            out.append((i, "\ufffd")); i += 1; continue
        t = data[i + 1]
        if encoding == "gb18030" and 0x30 <= t <= 0x39:
            if i + 3 < n and 0x81 <= data[i + 2] <= 0xFE and 0x30 <= data[i + 3] <= 0x39:
                try:
                    out.append((i + 3, data[i:i + 4].decode("gb18030")))
                except UnicodeDecodeError:
                    out.append((i + 3, "\ufffd"))
                i += 4
            else:
                out.append((i, "\ufffd")); i += 1   # the second byte (a digit) is read again
            continue
        if trails(t):
            try:
                c = data[i:i + 2].decode(table)
                if len(c) == 1:
                    out.append((i + 1, c)); i += 2; continue
            except UnicodeDecodeError:
                pass
        if t < 0x80:
            out.append((i, "\ufffd")); i += 1       # an ASCII trail is read again
        else:
            out.append((i + 1, "\ufffd")); i += 2   # both bytes are gone
    return out


def python_emissions(data, codec):
    decoder = codecs.getincrementaldecoder(codec)(errors="replace")
    out = []
    for i in range(len(data)):
        s = decoder.decode(data[i:i + 1])
        if s:
            out.append((i, s))
    s = decoder.decode(b"", final=True)
    if s:
        out.append((len(data) - 1, s))
    return out


def garble_once(chars, source, wrong, decoder):
    """chars: [(character, owners)], owners the indices of the original characters it came from.
    Encodes with `source`, decodes with `wrong`; returns the new [(character, owners)] and the
    owners of every U+FFFD the decoder wrote (their bytes are gone)."""
    data, byte_owners = bytearray(), []
    for c, owners in chars:
        b = c.encode(source)
        data += b
        byte_owners += [owners] * len(b)
    emissions = (python_emissions if decoder == "python" else whatwg_emissions)(bytes(data), wrong)
    result, lost, previous = [], set(), -1
    for i, s in emissions:
        group = range(previous + 1, i + 1)
        previous = i
        parts = [(s, group)]
        # An ASCII byte that ended an invalid pair is itself again: only the lead was lost.
        if len(s) > 1 and len(group) > 1 and s[-1] < "\x80" and data[i] == ord(s[-1]):
            parts = [(s[:-1], range(group.start, i)), (s[-1], range(i, i + 1))]
        for text, g in parts:
            owners = frozenset().union(*(byte_owners[k] for k in g))
            for ch in text:
                result.append((ch, owners))
                if ch == "\ufffd":
                    lost |= owners
    return result, lost


def garble(text, steps):
    """The text garbled by each (source, wrong, decoder) step in turn, and its lossy expectation."""
    chars = [(c, frozenset([i])) for i, c in enumerate(text)]
    lost = set(i for i, c in enumerate(text) if c == "\ufffd")
    for source, wrong, decoder in steps:
        chars, step_lost = garble_once(chars, source, wrong, decoder)
        lost |= step_lost
    garbled = "".join(c for c, _ in chars)
    lossy = "".join("\ufffd" if i in lost else c for i, c in enumerate(text))
    return garbled, lossy


KINDS = {
    # kind: (script of the text, steps)
    "utf8-as-gbk": ("s", [("utf-8", "gbk", "python")]),
    "utf8-as-gb18030": ("s", [("utf-8", "gb18030", "python")]),
    "utf8-as-gb18030-whatwg": ("s", [("utf-8", "gb18030", "whatwg")]),
    "utf8-double-gbk": ("s", [("utf-8", "gbk", "python"), ("utf-8", "gbk", "python")]),
    "lost-then-utf8-as-gbk": ("s-lost", [("utf-8", "gbk", "python")]),
    "utf8-as-big5": ("t", [("utf-8", "big5", "python")]),
    "utf8-as-big5-whatwg": ("t", [("utf-8", "big5", "whatwg")]),
    "gbk-as-big5": ("s", [("gbk", "big5", "python")]),
    "big5-as-gb18030": ("t", [("big5", "gb18030", "python")]),
    "utf8-as-cp1252": ("s", [("utf-8", "cp1252", "python")]),
    "utf8-as-cp1252-whatwg": ("s", [("utf-8", "windows-1252", "whatwg")]),
}

# Lines of the corpus by year, its broadcasts kept together for whole documents.
broadcasts = {"2023": [], "2024": [], "held-out": []}
tuned_on = set(l.rstrip("\n") for l in open(os.path.join(root, "Fixtures/corpus/xwlb-clean-lines.txt"), encoding="utf-8"))
current = None
for line in open(corpus_path, encoding="utf-8"):
    line = line.rstrip("\n")
    m = re.match(r"# 《新闻联播》 \((\d{8})", line)
    if m:
        current = []
        # From 2024-09-01 on: left out of the bigram model (Scripts/make-char-bigrams) too.
        broadcasts["held-out" if m.group(1) >= "20240901" else m.group(1)[:4]].append(current)
    elif current is not None and line and not line.startswith("#") and line not in tuned_on:
        current.append(line)

to_traditional = opencc.OpenCC("s2twp")
CLAUSE = re.compile(r"[^，。；！？、：]+[，。；！？、：]?")


def in_script(text, script):
    return to_traditional.convert(text) if script == "t" else text


def make_split(split, year, seed):
    random.seed(seed)
    lines = [l for b in broadcasts[year] for l in b if 10 <= len(l) <= 300]
    os.makedirs(os.path.join(out_dir, split), exist_ok=True)
    for kind, (script, steps) in KINDS.items():
        for granularity in ("line", "clause"):
            rows, pool = [], random.sample(lines, 4000)
            for line in pool:
                text = in_script(line, script[0])
                if script == "s-lost":
                    k = random.randrange(len(text))
                    text = text[:k] + "\ufffd" * random.randint(1, 2) + text[k + 1:]
                try:
                    if granularity == "line":
                        garbled, lossy = garble(text, steps)
                    else:
                        clauses = [m for m in CLAUSE.finditer(text) if len(m.group()) >= 4]
                        if len(clauses) < 2:
                            continue
                        m = random.choice(clauses)
                        g, l = garble(m.group(), steps)
                        garbled = text[:m.start()] + g + text[m.end():]
                        lossy = text[:m.start()] + l + text[m.end():]
                except UnicodeEncodeError:
                    continue
                if garbled == text or any(c in garbled for c in "\t\n\r"):
                    continue
                rows.append((garbled, text, lossy))
                if len(rows) == ROWS:
                    break
            with open(os.path.join(out_dir, split, f"{kind}.{granularity}.tsv"), "w", encoding="utf-8") as out:
                for row in rows:
                    out.write("\t".join(row) + "\n")
        documents = []
        for broadcast in random.sample(broadcasts[year], 40):
            start = random.randrange(max(1, len(broadcast) - DOCUMENT_LINES))
            text = in_script("\n".join(broadcast[start:start + DOCUMENT_LINES]), script[0])
            try:
                garbled, lossy = garble(text, steps)
            except UnicodeEncodeError:
                continue
            documents.append({"garbled": garbled, "original": text, "lossy": lossy})
            if len(documents) == DOCUMENTS:
                break
        with open(os.path.join(out_dir, split, f"{kind}.documents.jsonl"), "w", encoding="utf-8") as out:
            for d in documents:
                out.write(json.dumps(d, ensure_ascii=False) + "\n")
        print(split, kind, "rows written", file=sys.stderr)


make_split("dev", "2023", 20261207)
make_split("heldout", "held-out", 20261208)
