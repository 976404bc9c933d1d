"""Shared by Scripts/build-slogan-recurrence and Scripts/fit-slogan-confidence: the structural
candidates of a corpus with their broadcast dates, recurrence keys, and the features of
SloganConfidenceModel (Sources/ZhTextSlogans/SloganConfidenceModel.swift), computed the same
way as the Swift code computes them."""
import bisect, json, math, re, subprocess

# "# 《新闻联播》 (YYYYMMDD)" headings start the broadcasts of the corpus.
HEADING = re.compile(rb"^# \xe3\x80\x8a\xe6\x96\xb0\xe9\x97\xbb\xe8\x81\x94\xe6\x92\xad\xe3\x80\x8b \((\d{8})\)", re.M)
QUOTES_OPEN, QUOTES_CLOSE = "“「『", "”」』"
KEY_SEPARATORS = set(QUOTES_OPEN + QUOTES_CLOSE + "、，,")
KINDS = ["lexicon", "numbered-formula", "numeral-noun", "arithmetic-formula", "quoted-term",
         "quoted-series", "parallel-structure", "aphorism"]   # SloganKind.allCases order


def key(text):
    """SloganRecurrence's key of an already folded text: no quotation marks or enumeration commas."""
    return "".join(c for c in text if c not in KEY_SEPARATORS)


def broadcasts(corpus_bytes):
    """(start offsets, dates) of the broadcasts."""
    heads = [(m.start(), m.group(1).decode()) for m in HEADING.finditer(corpus_bytes)]
    return [h[0] for h in heads], [h[1] for h in heads]


def structural_candidates(zhtext, path):
    """Every structural candidate `zhtext slogans --all-candidates` reports in `path`."""
    run = subprocess.run([zhtext, "slogans", "--all-candidates", path], capture_output=True, check=True)
    out = []
    for line in run.stdout.decode("utf-8").split("\n"):
        if line:
            r = json.loads(line)
            if r["kind"] != "lexicon":
                out.append(r)
    return out


def dates_by_key(zhtext, corpus_path):
    """Recurrence key -> set of broadcast dates it occurs in."""
    data = open(corpus_path, "rb").read()
    starts, dates = broadcasts(data)
    table = {}
    for r in structural_candidates(zhtext, corpus_path):
        i = bisect.bisect_right(starts, r["utf8"][0]) - 1
        if i < 0:
            continue
        table.setdefault(key(r["canonical"]), set()).add(dates[i])
    return table


class Model:
    """The model file: weights and lists."""

    def __init__(self, lists):
        self.place = set(lists["place"])
        self.suffix_triad = set(lists["suffix-triad"])
        self.name_heads = lists["name-head"].split(" ")
        self.list_continues = set(lists["list-continues"])

    def features(self, kind, text, quoted, before, after, documents, cap):
        """Feature name -> value for a candidate `text` (its folded span, quotes only inside a
        quoted series) between `before` and `after` on its line."""
        f = {"kind:" + kind: 1.0}
        if quoted:
            f["quoted"] = 1.0
        f["recurrence"] = min(math.log2(1 + documents), cap)
        if documents == 0:
            f["unseen"] = 1.0
        if kind == "numbered-formula" and any(c in self.place for c in text):
            f["place"] = 1.0
        rest = after[1:] if after[:1] in QUOTES_CLOSE else after
        if any(rest.startswith(h) for h in self.name_heads):
            f["name-head"] = 1.0
        if kind == "parallel-structure" and (after[:1] in self.list_continues or before[-1:] == "、"):
            f["list-continues"] = 1.0
        if kind == "parallel-structure":
            # The recognisers guess where the last item ends; a last item longer than every
            # other ran on into the next word (…经济相融优势, …中国共产党 of a longer list).
            items = text.split("、")
            if len(items) > 1 and len(items[-1]) > max(len(i) for i in items[:-1]):
                f["longer-last-item"] = 1.0
        if kind == "parallel-structure" and text and text[-1] in self.suffix_triad:
            if all(i > 0 and text[i - 1] == text[-1] for i, c in enumerate(text) if c == "、"):
                f["suffix-triad"] = 1.0
        return f
