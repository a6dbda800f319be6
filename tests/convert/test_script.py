"""Traditional-Chinese variants: OpenCC plus the reviewed overrides, and CJK quotes."""

from __future__ import annotations

import opencc
import pytest

from converters.script import (
    TARGET_FORM,
    VARIANTS,
    Phrase,
    ScriptConverter,
    ScriptError,
    builtin_phrases,
    cjk_quotes,
    load_phrases,
    parse_phrases,
    to_traditional,
    with_cjk_quotes,
)

BUILTIN = builtin_phrases()
WITH_EXAMPLE = [p for p in BUILTIN if p.example]


def in_variant(target: str, variant: str) -> str:
    """An override target in a variant's character forms."""
    form = TARGET_FORM[variant]
    return opencc.OpenCC(form).convert(target) if form else target


@pytest.fixture(scope="module")
def converters() -> dict[str, ScriptConverter]:
    return {variant: ScriptConverter(variant) for variant in VARIANTS}


@pytest.mark.parametrize("phrase", WITH_EXAMPLE, ids=[p.source for p in WITH_EXAMPLE])
def test_each_override_fixes_a_real_opencc_mistake(phrase: Phrase, converters) -> None:
    changed = False
    for variant in [v for v in VARIANTS if phrase.applies_to(v)]:
        ours = converters[variant](phrase.example)
        assert in_variant(phrase.target, variant) in ours, (variant, phrase)
        changed |= ours != opencc.OpenCC(variant).convert(phrase.example)
    assert changed, f"OpenCC now converts {phrase.example!r} right: drop the override"


@pytest.mark.parametrize("phrase", [p for p in BUILTIN if not p.example], ids=lambda p: p.source)
def test_an_override_without_example_keeps_opencc_against_a_shorter_override(phrase, converters):
    shorter = [p for p in BUILTIN if p.source != phrase.source and p.source in phrase.source]
    assert shorter, f"{phrase.source}: an entry without EXAMPLE must protect against a shorter one"
    for variant in VARIANTS:
        if phrase.applies_to(variant):
            assert converters[variant](phrase.source) == in_variant(phrase.target, variant)


@pytest.mark.parametrize(("simplified", "variant", "traditional"), [
    ("粉丝发布了新歌", "s2t", "粉絲發佈了新歌"),       # not 粉絲髮佈
    ("粉丝发布了新歌", "s2twp", "粉絲發布了新歌"),     # not 粉絲髮布 / 釋出
    ("他学习了如何开车", "s2t", "他學習了如何開車"),  # not 學習瞭
    ("参与制造", "s2hk", "參與製造"),
    ("少数组织", "s2twp", "少數組織"),                 # not 少陣列織
    ("头发和理发", "s2t", "頭髮和理髮"),               # 髮 stays where it is right
    ("信息", "s2twp", "資訊"),                          # OpenCC's Taiwan phrases still apply
])
def test_known_opencc_mistakes_are_fixed(simplified, variant, traditional, converters):
    assert converters[variant](simplified) == traditional


# Context rules: 里 in transliterated names, 只 counted after a number; by class, not by name.
@pytest.mark.parametrize(("simplified", "variant", "traditional"), [
    ("在斐洛里庄园里散步", "s2t", "在斐洛里莊園裏散步"),     # a name (Filoli) and a locative
    ("在斐洛里庄园里散步", "s2tw", "在斐洛里莊園裡散步"),
    ("在斐洛里庄园里散步", "s2hk", "在斐洛里莊園裏散步"),
    ("诗人西格夫里·萨松", "s2t", "詩人西格夫里·薩松"),          # a ·-joined name
    ("诗人西格夫里·萨松", "s2twp", "詩人西格夫里·薩松"),
    ("莫里斯·哈里森来到德里", "s2tw", "莫里斯·哈里森來到德里"),  # names never seen in the fixtures
    ("奥斯洛里城", "s2t", "奧斯洛里城"),
    ("这里面有个问题，家里的表格里", "s2tw", "這裡面有個問題，家裡的表格裡"),  # locatives stay 裡
    ("森林里一棵树，基因里。", "s2t", "森林裏一棵樹，基因裏。"),
    ("从36只个股下降到27只", "s2t", "從36隻個股下降到27隻"),  # the measure word
    ("50毫升只需要8元，前10只有3家", "s2t", "50毫升只需要8元，前10只有3家"),  # "only"
])
def test_context_rules_fix_classes_of_opencc_mistakes(simplified, variant, traditional, converters):
    assert converters[variant](simplified) == traditional


def test_phrase_file_format_and_errors(tmp_path):
    path = tmp_path / "mine.txt"
    path.write_text("# my overrides\n\n发展 發展\n台湾\t臺灣\ts2t,s2hk  # comment\n", encoding="utf-8")
    assert load_phrases(path) == (Phrase("发展", "發展"), Phrase("台湾", "臺灣", frozenset({"s2t", "s2hk"})))
    with pytest.raises(ScriptError, match=r"mine\.txt:1: expected"):
        parse_phrases("just-one-field\n", "mine.txt")
    with pytest.raises(ScriptError, match="unknown script variant 's2x'"):
        parse_phrases("发展 發展 s2x\n")
    with pytest.raises(ScriptError, match="not found"):
        load_phrases(tmp_path / "missing.txt")


def test_user_phrases_win_over_builtin_ones_and_opencc():
    mine = parse_phrases("发展 发展中\n硅谷 矽谷 s2t\n")
    convert = ScriptConverter("s2t", mine)
    assert convert("在华发展") == "在華发展中"
    assert convert("硅谷") == "矽谷"
    assert ScriptConverter("s2tw", mine)("硅谷") == "硅谷"  # scoped to s2t only


def test_unknown_variant_is_a_one_line_error():
    with pytest.raises(ScriptError, match="unknown script variant: s2x"):
        ScriptConverter("s2x")


def test_to_traditional_converts_every_text_and_sets_the_language(sample_document):
    hant = to_traditional(sample_document, "s2tw")
    assert hant.meta.language == "zh-Hant"
    assert hant.meta.title == "樣刊"
    first = hant.articles[0]
    assert (first.section, first.title, first.bylines[1]) == ("封面文章", "中美新起點", "編輯/蘇琦")
    assert first.deck.endswith("指明了方向。")  # not 指明瞭
    assert hant.articles[1].blocks[1].text == (
        "我國歷史上，製造業回流並不少見；歐美發達國家更加注重供應鏈安全。")
    assert hant.removed[0].text == "返回目錄"
    assert [b.lines for b in first.blocks] == [b.lines for b in sample_document.articles[0].blocks]


@pytest.mark.parametrize(("text", "expected"), [
    ("“甲”", "「甲」"),
    ("“甲‘乙’丙”", "「甲『乙』丙」"),
    ("“一‘二“三”二’一”", "「一『二「三」二』一」"),  # the third level is 「」 again
    ("‘一带一路’", "「一带一路」"),                # a lone single quote is the outer level
    ("“Singin’ in the Rain”", "「Singin’ in the Rain」"),  # apostrophe kept
    ("Caijing’s view", "Caijing’s view"),
    ("多段引文：“第一段", "多段引文：「第一段"),       # a quote running into the next paragraph
    ("未开先关”", "未开先关」"),
])
def test_cjk_quotes_nest_by_depth(text, expected):
    assert cjk_quotes(text) == expected


def test_with_cjk_quotes_applies_to_the_whole_document(sample_document):
    quoted = with_cjk_quotes(sample_document)
    assert quoted.articles[0].blocks[3].text.startswith("他说：「经过『深改19条』后")
    assert "“" not in quoted.to_json() and "”" not in quoted.to_json()


# What reading the Traditional output of the whole seed found wrong in plain OpenCC; none may come back.
SEED_MISCONVERSIONS = {
    "s2t": ["華髮展", "美髮達", "生髮展", "被髮掘", "曆史", "指明瞭", "闡明瞭", "沖擊", "隻有", "新徵程",
            "加註重", "多采購", "對錶演", "摺合", "機制造", "八幡制鐵", "迴流", "迴歸", "餘偉", "餘樂",
            "餘小寶", "陳東昇", "斐洛裏", "西格夫裏", "36只個股", "18只個股", "59只非"],
    "s2twp": ["華髮展", "曆史", "指明瞭", "釋出會", "視窗期", "迴圈", "位元朗", "世介面", "許可權",
              "回撥", "主機板", "標頭檔", "採訪物件", "位元組", "產業叢集", "社群建設", "生產裝置",
              "不支援臺灣", "發表宣告", "高階官員", "標準、程式", "型別", "引數", "指令碼", "區域性的地",
              "除錯", "匯入的", "擴充套件", "重新整理", "特殊效能", "小批次", "上市稽核", "機械連線",
              "最佳化", "經濟執行", "溢位", "全域性性", "統一程序"],
}


@pytest.mark.parametrize("variant", sorted(SEED_MISCONVERSIONS))
def test_the_seed_in_traditional_has_none_of_the_misconversions_found_by_reading_it(seed_document, variant):
    text = to_traditional(seed_document, variant).to_json()
    found = [wrong for wrong in SEED_MISCONVERSIONS[variant] if wrong in text]
    assert found == []
