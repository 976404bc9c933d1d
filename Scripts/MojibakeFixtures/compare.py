"""ZhText, a re-encode baseline and ftfy on the lossy mojibake set; see Scripts/compare-cleanup."""
import difflib, glob, json, os, subprocess, sys

import ftfy

root, zhtext = sys.argv[1], sys.argv[2]
split = sys.argv[sys.argv.index("--split") + 1] if "--split" in sys.argv else "all"
markdown = "--markdown" in sys.argv
write_known = "--write-known-failures" in sys.argv
known_failures = []
worse = []
base = os.path.join(root, "Fixtures/mojibake-lossy")


def load(path):
    if path.endswith(".tsv"):
        return [tuple(line.rstrip("\n").split("\t")) for line in open(path, encoding="utf-8")]
    return [(d["garbled"], d["original"], d["lossy"]) for d in map(json.loads, open(path, encoding="utf-8"))]


def fixed(out, original, lossy):
    return len(out) == len(original) and all(
        o == g or (l == "\ufffd" and o == "\ufffd") for o, g, l in zip(out, original, lossy))


def zhtext_outputs(texts):
    """The text and the edit kinds of each, every text its own record."""
    records = "".join(json.dumps({"id": i, "text": t}, ensure_ascii=False) + "\n" for i, t in enumerate(texts))
    run = subprocess.run([zhtext, "pipeline", "--jsonl", "--steps", "mojibake", "--no-sentences", "--no-slogans",
                          "--fields", "text,edits", "--no-line"], input=records, capture_output=True, text=True, check=True)
    results = [json.loads(l) for l in run.stdout.split("\n") if l]
    return [r["text"] for r in results], [set(e["kind"] for e in r.get("edits", [])) for r in results]


def expected_kind(kind):
    """The edit kind each fixture kind's repair must report (as LossyMojibakeFixtureTests checks)."""
    if kind.startswith("utf8-as-cp1252"):
        return "utf8-as-latin1"
    if kind.startswith("utf8-as-big5"):
        return "utf8-as-big5"
    return {"gbk-as-big5": "gbk-as-big5", "big5-as-gb18030": "big5-as-gbk"}.get(kind, "utf8-as-gbk")


def common(c):
    """ASCII, frequent Han (GB 2312 level 1 or Big5 level 1) and CJK punctuation."""
    if c < "\x80":
        return c != "?" and (c.isprintable() or c == "\n")
    if c in "，。、；：？！“”‘’（）《》【】—…·":
        return True
    for codec, leads in (("gb2312", range(0xB0, 0xD8)), ("big5", range(0xA4, 0xC7))):
        try:
            if c.encode(codec)[0] in leads:
                return True
        except UnicodeEncodeError:
            pass
    return False


def looks_chinese(s):
    return sum(1 if common(c) else -1 for c in s)


PAIRS = [("gbk", "utf-8"), ("gb18030", "utf-8"), ("big5", "utf-8"), ("big5hkscs", "utf-8"), ("cp1252", "utf-8"),
         ("latin-1", "utf-8"), ("latin-1", "gbk"), ("latin-1", "big5"), ("big5", "gbk"), ("gbk", "big5")]


def baseline(s):
    """Each wrong codec out (a character it lacks, U+FFFD included, is dropped), each right codec
    in with replacement; twice, for double garbling."""
    for _ in range(2):
        best, best_score = s, looks_chinese(s)
        for wrong, right in PAIRS:
            candidate = s.encode(wrong, errors="ignore").decode(right, errors="replace")
            if looks_chinese(candidate) > best_score:
                best, best_score = candidate, looks_chinese(candidate)
        if best == s:
            break
        s = best
    return s


tools = {"zhtext": None, "baseline": baseline, "ftfy": ftfy.fix_text}
splits = ["dev", "heldout"] if split == "all" else [split]
totals = {t: [0, 0, 0] for t in tools}
rows = []
for sp in splits:
    for path in sorted(glob.glob(os.path.join(base, sp, "*"))):
        name = os.path.basename(path)
        kind, granularity = name.split(".")[0], name.split(".")[1]
        data = load(path)
        if not data:
            continue
        garbled = [d[0] for d in data]
        texts, kinds = zhtext_outputs(garbled)
        # Worse: further from the original than the garbled text was (character similarity).
        for out, d in zip(texts, data):
            if difflib.SequenceMatcher(None, out, d[1], autojunk=False).ratio() < difflib.SequenceMatcher(None, d[0], d[1], autojunk=False).ratio():
                worse.append(f"{sp}/{name}")
        for index, (out, ks, d) in enumerate(zip(texts, kinds, data)):
            if not fixed(out, d[1], d[2]) or not ks - {"restored-character"} <= {expected_kind(kind)}:
                known_failures.append(f"{sp}/{name}:{index + 1}")
        outputs = {"zhtext": texts, "baseline": [baseline(g) for g in garbled],
                   "ftfy": [ftfy.fix_text(g) for g in garbled]}
        row = [sp, kind, granularity, len(data)]
        for tool, outs in outputs.items():
            counts = [0, 0, 0]
            for out, (g, original, lossy) in zip(outs, data):
                counts[0 if fixed(out, original, lossy) else 2 if out == g else 1] += 1
            row.append(counts)
            totals[tool] = [a + b for a, b in zip(totals[tool], counts)]
        rows.append(row)

header = ["split", "kind", "granularity", "rows"] + [f"{t} fixed/damaged/unchanged" for t in tools]
if markdown:
    print("| " + " | ".join(header) + " |")
    print("|" + " --- |" * len(header))
for r in rows:
    cells = [str(c) if not isinstance(c, list) else "/".join(map(str, c)) for c in r]
    print(("| " + " | ".join(cells) + " |") if markdown else "\t".join(cells))
total = sum(sum(v) for v in totals.values()) // len(tools)
print(("| " if markdown else "") + ("total | | | " if markdown else "total\t\t\t") + str(total)
      + "".join((" | " if markdown else "\t") + "/".join(map(str, v)) for v in totals.values()) + (" |" if markdown else ""))

print(("| " if markdown else "") + f"ZhText outputs further from the original than their input: {len(worse)}"
      + (" (" + ", ".join(sorted(set(worse))) + ")" if worse else ""))
if write_known:
    with open(os.path.join(base, "known-failures.txt"), "w", encoding="utf-8") as out:
        out.write("# Rows of the lossy set that ZhText does not repair yet (Scripts/compare-cleanup\n"
                  "# --write-known-failures); LossyMojibakeFixtureTests runs them as known issues.\n")
        for name in known_failures:
            out.write(name + "\n")
