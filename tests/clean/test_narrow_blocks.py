"""Blocks set in a narrower measure than the column (a float's caption without a credit, lines
beside a figure) against headings: the reason a short line is one or the other."""

from __future__ import annotations

from magclean import clean_text

BODY = ["中美关系历经波折，止跌回稳，来到了一个新起点，双方",
        "都表示愿意继续沟通，稳定两国关系，管控分歧与风险。",
        "会谈持续了四个小时，双方就许多问题交换了意见，取得",
        "了积极成果，外界普遍认为这是一次重要的会晤和对话。"]


def blocks(lines: list[str], disable: tuple[str, ...] = ()) -> list[tuple[str, str]]:
    document = clean_text("\n".join(lines), disable=disable)
    return [(b.kind, b.text) for a in document.articles for b in a.blocks]


def test_short_lines_of_one_measure_are_one_caption_not_headings():
    found = blocks([*BODY, "国家税务总局的官方", "文件已经公布，各地", "正在落实相关要求。", *BODY])
    assert ("caption", "国家税务总局的官方文件已经公布，各地正在落实相关要求。") in found
    assert not [text for kind, text in found if kind == "heading"]


def test_without_the_heading_and_caption_rules_the_narrow_lines_are_not_one_caption():
    found = blocks([*BODY, "国家税务总局的官方", "文件已经公布，各地", "正在落实相关要求。", *BODY],
                   disable=("heading", "caption_interrupts"))
    assert ("caption", "国家税务总局的官方文件已经公布，各地正在落实相关要求。") not in found


def test_a_dated_caption_in_narrow_lines_inside_a_running_sentence_is_taken_out():
    found = blocks([*BODY[:3], "2023年9月28日，成", "都一家新开业的盒马", "鲜生店。", *BODY[3:], *BODY])
    assert ("caption", "2023年9月28日，成都一家新开业的盒马鲜生店。") in found
    assert ("paragraph", BODY[2] + BODY[3]) in found  # the sentence it cut is whole again


def test_a_date_cut_across_the_narrow_lines_still_opens_the_caption():
    found = blocks([*BODY[:3], "2023 年 11", "月 15 日，国家", "主席出席会晤。", *BODY[3:], *BODY])
    assert any(kind == "caption" and text.startswith("2023 年 11") for kind, text in found), found
    assert ("paragraph", BODY[2] + BODY[3]) in found


def test_a_heading_over_a_wider_one_line_paragraph_stays_a_heading():
    found = blocks([*BODY, "舍得花钱，想尽新招", "为了吸引人才，合肥可谓出尽高招、新招、妙招。", *BODY])
    assert ("heading", "舍得花钱，想尽新招") in found
    assert ("paragraph", "为了吸引人才，合肥可谓出尽高招、新招、妙招。") in found

