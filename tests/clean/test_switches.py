"""Every rule's switch does something: on an input the rule acts on, ``--disable RULE`` changes
the output, and conservation holds either way (nothing is lost when a rule is off)."""

import pytest

from cleaner import CleanConfig, clean, load_profile, source_from_text
from cleaner.document import non_whitespace
from cleaner.rules import RULES

W = "中美关系历经波折止跌回稳来到一个令世人振奋的新起点全球最大"  # 30 CJK characters: one full line
R = "全国人民代表大会常务委员会今天在北京召开会议审议多项法律草案"


def pages(*texts: str) -> str:
    return "\f".join(texts)


HEAD = "标题在这里\n文/记者 张三\n"
BODY = "".join(f"{W[:29]}，\n{W[:12]}。\n" for _ in range(3))

# rule -> (input text, profile); each input is one the rule acts on.
EXAMPLES: dict[str, tuple[str, str | None]] = {
    "invisible_chars": (HEAD + "正文\u200b内容在此。\n", None),
    "column_split": (HEAD + "".join(f"{W[:14]}{n}    {W[14:28]}{n}\n" for n in range(8)), None),
    "column_order": (HEAD + "\f" + "".join(f"{left}\n{right}\n" for left, right in zip(
        [(W * 5)[i:i + 21] for i in range(0, 126, 21)], [(R * 5)[i:i + 21] for i in range(0, 126, 21)],
        strict=True)), None),
    "toc_marker": (HEAD + BODY + "返回目录\n", None),
    "page_furniture": (pages(*(f"城市周刊 2024年3月\n{BODY}{n}\n" for n in range(37, 41))), None),
    "profile_furniture": (pages(*(f"《财经》2023年第24期\n{BODY}" for _ in range(2))), "caijing"),
    "line_pieces": (HEAD + f"{W[:29]}，\n{W[:12]}，\n{W[:16]}\n{W[:29]}，\n{W[:10]}。\n", None),
    "section_label": ("社评\nEditorial\n" + HEAD + BODY, None),
    "article_head": (HEAD + BODY, None),
    "caption_credit": (HEAD + f"{W[:29]}，\n两国元首一道散步。图/新华\n{W[:12]}。\n", None),
    "caption_interrupts": (HEAD + BODY + f"{W[:29]}\n国家税务总局的官方文件。\n，要求{W[:10]}。\n" + BODY,
                           None),
    "caption_set_apart": (HEAD + BODY + f"{W[:29]}，\n{W[:12]}。\n\n两国元首一道散步。\n\n"
                          + f"{W[:29]}，\n{W[:12]}。\n" + BODY, None),
    "split_credit": (HEAD + BODY + "会谈后两国元首一道散步。图/\n新华\n" + BODY, None),
    "table_residue": (HEAD + BODY + "注：本文数据截至十月底\n" + BODY, None),
    "split_year": (HEAD + f"{W[:20]}，驱散了阴云。2023\n年11月15日，两国元首会晤。图/新华\n{BODY}", None),
    "cjk_reflow": (HEAD + BODY, None),
    # A dropped 2-em indent: paragraphs open 20 ems wide, run 22; one sentence ends at the margin.
    "lost_indent": (HEAD + "".join(f"{W[:19]}，\n{W[:21]}，\n{W[:4]}。\n" for _ in range(6))
                    + f"{W[:19]}，\n{W[:21]}。\n{W[:19]}，\n{W[:4]}。\n", None),
    "margin_model": (HEAD + "".join(f"{W[:29]}，\n{W[:24]}他说：“好。”\n我们{W[:10]}。\n"
                                    for _ in range(4)), None),
    "heading": (HEAD + BODY + "新的起点\n" + BODY, None),
    "pull_quote": ((HEAD + BODY + f"新的起点\n{W[:29]}投\n资越有可能得到回报\n" + BODY).replace("\n", "\n\n"),
                   None),
    "endnote": (HEAD + BODY + "（编辑：袁满）\n", None),
    "cjk_spacing": (HEAD + f"{W[:29]}，\n完整的列表可以在任何一个Debian 镜 像 站 点 获 得， 位 于 文 件\n"
                    f"indices。Debian 的软件包 dpkg 在 2006 年以后一直{W[:10]}。\n", None),
    "english_words": ("Summary\nThe San Fran\ncisco meeting held\u00a0a positive summit and much more.\n"
                      "Another line of the summary follows here now.\n", None),
}


def cleaned(text: str, profile: str | None, disabled: frozenset[str] = frozenset()):
    return clean(source_from_text(text), CleanConfig(profile=load_profile(profile), disabled=disabled))


def test_every_rule_has_an_example():
    assert sorted(EXAMPLES) == sorted(RULES)


@pytest.mark.parametrize("rule", list(RULES))
def test_switching_a_rule_off_changes_what_it_acts_on(rule):
    text, profile = EXAMPLES[rule]
    on = cleaned(text, profile)
    off = cleaned(text, profile, frozenset({rule}))
    assert on.to_json() != off.to_json() or on.decisions != off.decisions


@pytest.mark.parametrize("rule", list(RULES))
def test_nothing_is_lost_with_a_rule_switched_off(rule):
    text, profile = EXAMPLES[rule]
    assert cleaned(text, profile, frozenset({rule})).characters() == non_whitespace(text)
