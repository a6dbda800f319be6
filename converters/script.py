"""Document → Document transforms of the script: Traditional variants through OpenCC, CJK quotes.

They run before any converter, so a Traditional EPUB is as easy as a Traditional text file::

    document = to_traditional(document, "s2twp")     # meta.language becomes "zh-Hant"
    document = with_cjk_quotes(document)             # “…‘…’…” → 「…『…』…」

OpenCC converts phrase by phrase with a greedy dictionary match, and sometimes glues a character
to the wrong neighbour (在华发展 → 在華髮展). A reviewed list of overrides, shipped in
``opencc_overrides.txt`` and extendable by the user, is applied on top: OpenCC never sees across
an override's edges. The file format is described at the top of that file and in the README.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, replace
from pathlib import Path

import regex

from cleaner.document import Article, Block, Document, Removal
from converters import ScriptError  # its home; `converters.script.ScriptError` stays the same class

VARIANTS = ("s2t", "s2tw", "s2twp", "s2hk")
"""OpenCC configurations magclean offers: standard, Taiwan, Taiwan with phrases, Hong Kong."""

# Override targets are written in OpenCC's standard Traditional; these bring them to a variant.
TARGET_FORM = {"s2t": None, "s2tw": "t2tw", "s2twp": "t2tw", "s2hk": "t2hk"}

BUILTIN_OVERRIDES = "opencc_overrides.txt"


@dataclass(frozen=True, slots=True)
class Phrase:
    """One override: ``source`` (Simplified) becomes ``target`` (standard Traditional).

    ``variants`` empty means every variant; ``example`` is a context where OpenCC alone fails.
    """

    source: str
    target: str
    variants: frozenset[str] = frozenset()
    example: str | None = None

    def applies_to(self, variant: str) -> bool:
        """True when this override is used for ``variant``."""
        return not self.variants or variant in self.variants


def parse_phrases(text: str, origin: str = "<phrases>") -> tuple[Phrase, ...]:
    """Read the phrase-file format: ``SOURCE TARGET [VARIANTS [EXAMPLE]]`` per line, ``#`` comments.

    >>> parse_phrases("# comment\\n粉丝 粉絲\\n发布\\t發布\\ts2twp\\t新闻发布会\\n")
    ... # doctest: +NORMALIZE_WHITESPACE
    (Phrase(source='粉丝', target='粉絲', variants=frozenset(), example=None),
     Phrase(source='发布', target='發布', variants=frozenset({'s2twp'}), example='新闻发布会'))
    """
    phrases = []
    for number, line in enumerate(text.splitlines(), 1):
        fields = line.split("#", 1)[0].split()
        if not fields:
            continue
        if len(fields) < 2 or len(fields) > 4:
            raise ScriptError(f"{origin}:{number}: expected 'SOURCE TARGET [VARIANTS [EXAMPLE]]'")
        variants = frozenset() if len(fields) < 3 or fields[2] == "all" else frozenset(fields[2].split(","))
        unknown = sorted(variants - set(VARIANTS))
        if unknown:
            raise ScriptError(f"{origin}:{number}: unknown script variant {unknown[0]!r}")
        example = fields[3] if len(fields) == 4 else None
        phrases.append(Phrase(fields[0], fields[1], variants, example))
    return tuple(phrases)


def load_phrases(path: str | Path) -> tuple[Phrase, ...]:
    """Read a user's phrase file (UTF-8), turning every failure into a :class:`ScriptError`."""
    try:
        text = Path(path).read_text(encoding="utf-8")
    except FileNotFoundError:
        raise ScriptError(f"{path}: phrase file not found") from None
    except (OSError, UnicodeDecodeError) as error:
        raise ScriptError(f"{path}: cannot read phrase file ({error})") from None
    return parse_phrases(text, str(path))


def builtin_phrases() -> tuple[Phrase, ...]:
    """The reviewed overrides shipped with magclean."""
    # Read beside this module, as the built-in profiles are: importlib.resources costs an import
    # of several milliseconds on every convert.
    text = Path(__file__).with_name(BUILTIN_OVERRIDES).read_text(encoding="utf-8")
    return parse_phrases(text, BUILTIN_OVERRIDES)


# Characters of the standard transliteration table (Xinhua's 外国人名译名) that rarely stand
# before a locative 里 ("in"): 家里, 这里, 手里 … have hosts that are not in it.
TRANSLITERATION = frozenset(
    "阿埃艾爱安昂奥巴拜班邦鲍贝本比彼宾波伯博布查达戴丹道德邓迪蒂丁杜多厄恩尔法菲斐费芬丰佛夫弗福富"
    "盖甘冈戈格古瓜哈汉豪赫亨洪霍基吉加贾杰卡凯坎柯科克肯库夸奎拉莱赖兰朗劳勒雷利林留卢鲁伦罗洛马麦曼"
    "芒梅门蒙米密莫默姆穆纳奈南瑙内尼涅宁纽努诺欧帕派潘庞佩彭皮珀普齐奇恰乔切钦琼萨塞赛桑瑟森沙珊什"
    "舒斯松苏索塔泰坦汤唐陶特滕提汀图托瓦万旺威韦维温沃乌伍西希锡谢辛休雅亚扬耶伊因尤约扎泽詹朱兹佐"
)
# What follows a transliterated place name: 斐洛里庄园, 德里城 (and never a locative 里: 森林里一棵).
PLACE_SUFFIXES = frozenset("庄园山城河湖岛街路港镇村州宫堡湾")
NAME_DOTS = "·•‧・"
# (The ``regex`` module: stdlib ``re`` builds a bitmap of the class's 27,000 code points when it
# compiles it, 1.5 ms of every convert's start-up.)
HAN_RUN = regex.compile(r"[\u3400-\u9fff]+")


def transliterated_li(text: str) -> list[tuple[int, str]]:
    """Positions of 里 inside a transliterated foreign name, where it stays 里 (not 裡/裏 "in").

    A 里 is in a name when its run of Han characters is joined to another by a middle dot
    (西格夫里·萨松), or when transliteration characters stand on both sides (弗里曼), or two of them
    before it and a place word after it (斐洛里庄园).

    >>> transliterated_li("西格夫里·萨松"), transliterated_li("斐洛里庄园里散步")
    ([(3, '里')], [(2, '里')])
    >>> transliterated_li("这里面有个问题，家里的表格里，森林里一棵树，基因里。")
    []
    """
    found: list[tuple[int, str]] = []
    if "里" not in text:  # most paragraphs: no run to walk
        return found
    for run in HAN_RUN.finditer(text):
        word = run.group()
        if "里" not in word:
            continue
        joined = text[run.start() - 1:run.start()] in tuple(NAME_DOTS) or \
            text[run.end():run.end() + 1] in tuple(NAME_DOTS)
        for offset, char in enumerate(word):
            if char != "里":
                continue
            before, after = word[max(0, offset - 2):offset], word[offset + 1:offset + 2]
            named = set(before) <= TRANSLITERATION
            between = bool(before) and before[-1] in TRANSLITERATION and after in TRANSLITERATION
            after_two = len(before) == 2 and named and after in PLACE_SUFFIXES
            if (joined and before) or between or after_two:
                found.append((run.start() + offset, "里"))
    return found


# A number right before 只 makes it the measure word 隻 ("36只个股"), unless a verb follows (只有, 只是 …).
COUNTED_ZHI = re.compile(r"(?<=[0-9０-９])只(?![有是要能需会在好用剩占对不])")


def counted_zhi(text: str) -> list[tuple[int, str]]:
    """Positions of 只 used as a measure word after Arabic digits: 隻.

    >>> counted_zhi("共在18只个股中持仓，50毫升只需要8元，前10只有3家")
    [(4, '隻')]
    """
    return [(match.start(), "隻") for match in COUNTED_ZHI.finditer(text)]


# Rules that read the context and fix one character whatever the phrase (see README).
CONTEXT_RULES = (transliterated_li, counted_zhi)


class ScriptConverter:
    """Simplified → one Traditional variant: OpenCC plus phrase overrides.

    >>> convert = ScriptConverter("s2t")
    >>> convert("在华发展"), convert("头发")
    ('在華發展', '頭髮')
    """

    def __init__(self, variant: str, phrases: Iterable[Phrase] = ()) -> None:
        if variant not in VARIANTS:
            raise ScriptError(f"unknown script variant: {variant} (known: {', '.join(VARIANTS)})")
        import opencc  # only when a conversion runs: keeps `magclean clean` fast

        self.variant = variant
        self._opencc = opencc.OpenCC(variant)
        target_form = TARGET_FORM[variant]
        finish = opencc.OpenCC(target_form).convert if target_form else str
        self._finish = finish
        # Later entries (the user's) win over earlier ones (the built-ins) for the same source.
        chosen = {p.source: finish(p.target) for p in (*builtin_phrases(), *phrases)
                  if p.applies_to(variant)}
        self._targets = chosen
        # Longest first, so an alternation finds the longest override at each position.
        sources = sorted(chosen, key=len, reverse=True)
        self._pattern = re.compile("|".join(map(re.escape, sources))) if sources else None

    def __call__(self, text: str) -> str:
        """``text`` in this variant: the context rules' characters, then overrides, then OpenCC."""
        fixed = sorted(position for rule in CONTEXT_RULES for position in rule(text))
        out, start = [], 0
        for position, target in fixed:
            if position < start:
                continue
            out.append(self._phrases(text[start:position]))
            out.append(self._finish(target))
            start = position + 1
        out.append(self._phrases(text[start:]))
        return "".join(out)

    def _phrases(self, text: str) -> str:
        """``text`` through the overrides and OpenCC."""
        if self._pattern is None:
            return self._opencc.convert(text)
        out, start = [], 0
        for match in self._pattern.finditer(text):
            if match.start() > start:
                out.append(self._opencc.convert(text[start:match.start()]))
            out.append(self._targets[match.group()])
            start = match.end()
        out.append(self._opencc.convert(text[start:]))
        return "".join(out)


def map_text(document: Document, change: Callable[[str], str]) -> Document:
    """Apply ``change`` to every text of the document: meta title and issue, heads, blocks, removals."""

    def opt(text: str | None) -> str | None:
        return None if text is None else change(text)

    def article(a: Article) -> Article:
        return replace(a, section=opt(a.section), title=opt(a.title), subtitle=opt(a.subtitle),
                       deck=opt(a.deck), bylines=tuple(map(change, a.bylines)),
                       blocks=tuple(Block(b.kind, change(b.text), b.lines) for b in a.blocks))

    meta = replace(document.meta, title=opt(document.meta.title), issue=opt(document.meta.issue))
    removed = tuple(Removal(r.kind, change(r.text), r.lines, r.rule) for r in document.removed)
    return replace(document, meta=meta, articles=tuple(map(article, document.articles)), removed=removed)


def to_traditional(document: Document, variant: str, phrases: Iterable[Phrase] = ()) -> Document:
    """The document in a Traditional variant (``s2t``, ``s2tw``, ``s2twp``, ``s2hk``).

    ``phrases`` are added to the built-in overrides and win over them. ``meta.language`` becomes
    ``zh-Hant``.

    >>> from cleaner.document import Meta
    >>> article = Article(title="发展", blocks=(Block("paragraph", "欧美发达国家", (1, 1)),))
    >>> doc = Document(Meta(), (article,), ())
    >>> hant = to_traditional(doc, "s2tw")
    >>> hant.meta.language, hant.articles[0].title, hant.articles[0].blocks[0].text
    ('zh-Hant', '發展', '歐美發達國家')
    """
    convert = ScriptConverter(variant, phrases)
    return map_text(document, convert).with_meta(language="zh-Hant")


_OPENERS = {"“": "”", "‘": "’"}
_CJK_BRACKETS = (("「", "」"), ("『", "』"))  # by nesting depth: even, odd


def cjk_quotes(text: str) -> str:
    """Curly quotes to corner brackets, by nesting depth: outer 「」, inner 『』, then 「」 again.

    An ’ after a Latin letter outside a ‘…’ is an apostrophe and stays.

    >>> cjk_quotes("他说：“经过‘深改19条’后，门槛一样。”")
    '他说：「经过『深改19条』后，门槛一样。」'
    >>> cjk_quotes("服务‘一带一路’，唱“Singin’ in the Rain”")
    '服务「一带一路」，唱「Singin’ in the Rain」'
    """
    out: list[str] = []
    open_quotes: list[str] = []
    for i, char in enumerate(text):
        if char in _OPENERS:
            out.append(_CJK_BRACKETS[len(open_quotes) % 2][0])
            open_quotes.append(char)
        elif char in "”’":
            after_letter = i > 0 and text[i - 1].isascii() and text[i - 1].isalnum()
            if char == "’" and after_letter and "‘" not in open_quotes[-1:]:
                out.append(char)  # an apostrophe: Singin’, Caijing’s
            elif open_quotes:
                open_quotes.pop()
                out.append(_CJK_BRACKETS[len(open_quotes) % 2][1])
            else:  # a closing quote with no opening one: keep its kind
                out.append("」" if char == "”" else "』")
        else:
            out.append(char)
    return "".join(out)


def with_cjk_quotes(document: Document) -> Document:
    """The document with :func:`cjk_quotes` applied to every text."""
    return map_text(document, cjk_quotes)
