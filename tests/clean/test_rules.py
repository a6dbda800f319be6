"""Each cleaning rule as a specification: input lines in, expected blocks out."""

from cleaner import CleanConfig, Document, clean, source_from_text
from cleaner.lines import read_lines
from cleaner.rules.captions import credit_is_cut, is_caption_credit, is_credit_tail, starts_caption_date
from cleaner.rules.english import join_latin, marks_word_ends
from cleaner.rules.furniture import find_page_furniture, furniture_key, is_page_number
from cleaner.rules.markers import is_navigation_marker, split_navigation_marker
from cleaner.rules.reflow import (
    LostIndent,
    at_measure,
    column_width,
    decide_boundary,
    is_wrapped,
    join_text,
    learn_lost_indent,
    pushed_short,
)
from cleaner.rules.structure import is_byline, is_endnote, is_section_label, is_subtitle, is_table_residue
from cleaner.rules.years import is_lone_year, split_trailing_year

W = "中美关系历经波折止跌回稳来到一个令世人振奋的新起点全球最大"  # 30 CJK characters: one full line


def blocks(text: str, **config) -> list[tuple[str, str]]:
    doc = clean(source_from_text(text), CleanConfig(**config))
    return [(b.kind, b.text) for a in doc.articles for b in a.blocks]


def pdfminer(*lines: str) -> str:
    """A blank line after every line, as pdfminer.six writes body text."""
    return "\n\n".join(lines) + "\n"


# --------------------------------------------------------------- cjk_reflow


def test_hard_wrapped_lines_join_without_spaces():
    text = pdfminer(W[:29] + "，", W[:20] + "。", W[:29] + "，", W[:10] + "。")
    assert blocks(text) == [("paragraph", W[:29] + "，" + W[:20] + "。"),
                            ("paragraph", W[:29] + "，" + W[:10] + "。")]


def test_wrapped_lines_short_by_latin_words_or_a_dropped_indent_still_fill_the_measure():
    # Justified lines that hold Latin words (printed wider than the columns they count), or a
    # paragraph's first line whose 2-em indent the extractor dropped, count short of the measure.
    latin = ["Debian 的目标之一是提供一致的升级路径和安全的升级过程。我们尽力" + "让" * 2,
             "aptitude 会将它打算进行的软件包安装、卸载和升级操作记录到 /var/",
             W[:28] + "，", W[:30] + "，"]  # the 2-em indent dropped, then a full line
    text = [t for t in latin for _ in range(3)] + [W[:12] + "。"] * 3
    assert is_wrapped(text)
    assert at_measure([68, 64, 62, 60], 68) == 4 and at_measure([68, 56], 68) == 1


def test_lines_beside_a_wrapped_figure_keep_a_measure_of_their_own():
    narrow = [W[:18] + "，"] * 9  # most of the text runs beside a figure
    assert is_wrapped(narrow + [W[:26] + "，", W[:27] + "。"] * 2 + [W[:8] + "。"])
    assert at_measure([36, 36, 36, 54, 54], 54) == 5 and at_measure([36, 36, 54, 54], 54) == 2


def test_flowed_paragraphs_with_a_few_lines_left_open_are_not_wrapped_lines():
    # magclean's own output of a damaged first pass: whole paragraphs, far wider than any
    # printed column, and a few wrapped lines it left unjoined at one width.
    paragraphs = ["甲" * (w // 2 - 1) + "。" for w in (92, 112, 150, 246, 316, 415, 428, 463)]
    assert not is_wrapped([*paragraphs, *[W[:19] + "，"] * 4, "乙" * 40 + "，"])


def test_column_width_is_measured_not_assumed():
    assert column_width([32, 32, 31, 32, 10, 32, 20]) == 32
    assert column_width([80, 80, 79, 12, 80]) == 80


def test_a_short_line_with_closing_punctuation_ends_the_paragraph():
    assert decide_boundary("他说。", "新的一段", "他说。", 1, 60, None).ends_paragraph


def test_a_full_line_without_punctuation_continues():
    assert not decide_boundary(W, "续行", W, 1, 60, None).ends_paragraph


def test_an_open_quotation_carries_over_the_margin():
    line = "他说：“" + W[:26] + "。"
    assert not decide_boundary(line, "我们走吧。”", line, 3, 60, None).ends_paragraph


def test_a_line_pushed_short_by_a_latin_code_continues():
    assert pushed_short(47, "（601615.SH）、运达股份", 60)
    assert not decide_boundary("2023年前三季度，金风科技（002202.SZ）、明阳智能", "（601615.SH）、运达股份",
                               "", 1, 60, None).ends_paragraph


# --------------------------------------------------------------- lost_indent

# Paragraphs set in by 2 ems that the extractor did not write: first lines 28 ems, others 30.
FIRST, MIDDLE = W[:27] + "，", W[:29] + "，"


def test_a_dropped_indent_is_learnt_from_the_paragraphs_whose_start_is_certain():
    paragraphs = [FIRST, MIDDLE, W[:6] + "。"] * 4
    assert learn_lost_indent(paragraphs) == LostIndent(full=30, indent=2, compressed=0)
    assert learn_lost_indent([MIDDLE, MIDDLE, W[:6] + "。"] * 4).indent == 0  # starts run full
    # Lines holding Latin letters or digits are set in proportional type: their width tells nothing.
    assert learn_lost_indent(["H200" + W[:25] + "，", MIDDLE, W[:6] + "。"] * 4).indent == 0


def test_a_sentence_ending_at_the_margin_is_decided_by_the_next_lines_indent():
    ending_at_margin = W[:29] + "。"
    text = "".join(f"{FIRST}\n{MIDDLE}\n{W[:6]}。\n" for _ in range(4)) + \
        f"{FIRST}\n{ending_at_margin}\n{FIRST}\n{W[:6]}。\n" + \
        f"{FIRST}\n{ending_at_margin}\n{MIDDLE}\n{W[:6]}。\n"
    found = [t for _, t in blocks(text)]
    assert found[-3:] == [FIRST + ending_at_margin, FIRST + W[:6] + "。",  # set in: a new paragraph
                          FIRST + ending_at_margin + MIDDLE + W[:6] + "。"]  # full: it goes on


def test_a_first_line_set_in_by_a_dropped_indent_is_no_heading():
    labelled = "王勇：" + W[:25]  # 28 ems, no closing mark: a heading by its looks
    text = "".join(f"{FIRST}\n{MIDDLE}\n{W[:6]}。\n" for _ in range(4)) + f"{labelled}\n{MIDDLE}\n{W[:6]}。\n"
    assert blocks(text)[-1] == ("paragraph", labelled + MIDDLE + W[:6] + "。")


# --------------------------------------------------------------- line_pieces


def test_a_piece_set_where_the_line_above_stopped_is_the_rest_of_that_line():
    """pdftotext -layout writes the rest of a printed line cut between two compressed marks on a
    line of its own, set in to the cell where the first piece stopped."""
    body = "".join(f"   {W[:28]}，\n{W[:29]}，\n{W[:8]}。\n" for _ in range(3))
    text = body + W[:20] + "，\n" + " " * 21 + "《" + W[:7] + "》\n" + W[:29] + "，\n" + W[:8] + "。\n" + body
    paragraph = W[:20] + "，《" + W[:7] + "》" + W[:29] + "，" + W[:8] + "。"
    assert ("paragraph", paragraph) in blocks(text)


def test_a_first_line_indent_after_a_short_last_line_is_no_piece():
    body = "".join(f"   {W[:28]}，\n{W[:29]}，\n{W[:8]}。\n" for _ in range(3))
    text = body + "   " + W[:28] + "，\n" + W[:2] + "。\n" + "   " + W[:28] + "，\n" + W[:8] + "。\n"
    found = [t for _, t in blocks(text)]
    assert found[-2:] == [W[:28] + "，" + W[:2] + "。", W[:28] + "，" + W[:8] + "。"]


def test_page_breaks_inside_a_sentence_are_joined():
    text = W[:29] + "，\n\n" + W[:29] + "，\n\n\n\n" + "稳定。\n"  # three blank lines: a page break
    assert blocks(text) == [("paragraph", W[:29] + "，" + W[:29] + "，稳定。")]


def test_no_space_is_put_between_cjk_and_latin_or_digits():
    assert join_text("据USITC数据计算，美国自华商品进口占比从", "2017年21.6%") == \
        "据USITC数据计算，美国自华商品进口占比从2017年21.6%"
    assert join_text("魅力中国—", "—外籍人才") == "魅力中国——外籍人才"


# --------------------------------------------------------------- split_year


def test_a_lone_year_joins_the_caption_that_starts_with_nian():
    text = ("正文第一句很长很长很长很长很长很长很长很长很长很长很长很，\n\n"
            "正文结束。\n\n2023\n\n\n\n年11月15日，两国元首举行会晤。\n图/新华\n\n下一段开始了。\n")
    result = blocks(text)
    assert ("caption", "2023年11月15日，两国元首举行会晤。图/新华") in result
    assert all("2023" not in t for k, t in result if k == "paragraph")


def test_a_year_glued_to_the_body_line_moves_into_its_caption():
    assert split_trailing_year("驱散了阴云。2023") == ("驱散了阴云。", "2023")
    assert split_trailing_year("增长到2023") == ("增长到2023", None)
    assert is_lone_year("2023") and not is_lone_year("2023年")


# --------------------------------------------------------------- caption_credit, split_credit


def test_credits_in_their_usual_forms():
    for line in ("会谈后，拜登邀请习近平一道散步。图/新华", "摄/郝洲", "▲盒马自营牛奶。摄影/胡苗",
                 "资料来源：美国经济分析局 制图：张玲", "图/视觉中国", "散步。图/"):
        assert is_caption_credit(line), line
    for line in ("他在图书馆里看书。", "摄影师说，这是最好的一张。", "来源于生活"):
        assert not is_caption_credit(line), line


def test_a_credit_cut_across_lines_is_joined():
    assert credit_is_cut("照片。图/") and is_credit_tail("新华") and is_credit_tail("国")
    assert not is_credit_tail("年11月15日，国家")


def test_a_caption_inside_a_paragraph_leaves_and_the_paragraph_is_joined_again():
    text = (W[:29] + "，\n\n" + "两国元首会晤。\n图/新华\n\n" + W[:12] + "。\n")
    assert blocks(text) == [("paragraph", W[:29] + "，" + W[:12] + "。"),
                            ("caption", "两国元首会晤。图/新华")]


def test_a_sentence_set_apart_by_blank_lines_between_paragraphs_is_a_caption():
    """pdftotext writes a float's caption as a text block of its own: blank lines around it, in a
    text whose paragraphs have none between them."""
    body = "".join(f"{W[:29]}，\n{W[:29]}，\n{W[:12]}。\n" for _ in range(3))
    text = body + "\n两国元首一道散步。\n\n" + body
    assert ("caption", "两国元首一道散步。") in blocks(text)
    # Where every paragraph has a blank line above it, a one-line paragraph is just that.
    spaced = "".join(f"{W[:29]}，\n{W[:29]}，\n{W[:12]}。\n\n" for _ in range(3))
    assert ("paragraph", "两国元首一道散步。") in blocks(spaced + "两国元首一道散步。\n\n" + spaced)
    # Under a heading, or in a sentence the blank line cut, it is text.
    assert ("paragraph", "两国元首一道散步。") in blocks(body + "\n两国元首一道散步。\n\n新的起点\n" + body)


def test_a_sentence_set_apart_inside_a_paragraph_that_goes_on_below_it_is_a_caption():
    """A float at a page's top cuts the paragraph running from the page before; the line under
    it has no first-line indent, in a text that keeps them: the paragraph goes on."""
    body = "".join(f"  {W[:28]}，\n{W[:29]}，\n{W[:12]}。\n" for _ in range(3))
    text = body + f"  {W[:28]}，\n{W[:29]}\n\f两国元首一道散步。\n\n{W[:29]}，\n{W[:12]}。\n" + body
    assert ("caption", "两国元首一道散步。") in blocks(text)
    assert ("paragraph", f"{W[:28]}，{W[:29]}{W[:29]}，{W[:12]}。") in blocks(text)


def test_a_caption_opening_with_a_mark_that_points_at_its_picture_leaves_the_text():
    """▲ opens no body line: the caption it opens leaves a sentence it was set into (pypdfium2
    writes it between two lines of the sentence, no blank line) with its credit, and the
    paragraph is joined again; between paragraphs it is a caption too."""
    body = [W[:29] + "，", W[:29] + "，", W[:12] + "。"] * 3
    inside = "\n".join([*body, W[:29], "▲东方树叶900毫升售价5.2元。 摄影/胡", "苗", W[:12] + "。", *body])
    assert ("caption", "▲东方树叶900毫升售价5.2元。 摄影/胡苗") in blocks(inside)
    assert ("paragraph", W[:29] + W[:12] + "。") in blocks(inside)
    between = "\n".join([*body, "▲盒马自营牛奶产品，950毫升只需要8.9元。", *body])
    assert ("caption", "▲盒马自营牛奶产品，950毫升只需要8.9元。") in blocks(between)
    # Without the mark the same line is a paragraph.
    plain = "\n".join([*body, "盒马自营牛奶产品，950毫升只需要8.9元。", *body])
    assert ("paragraph", "盒马自营牛奶产品，950毫升只需要8.9元。") in blocks(plain)


def test_caption_dates_mark_where_an_unbound_caption_starts():
    assert starts_caption_date("2023年5月29日，对接会在合肥举行。")
    assert not starts_caption_date("据了解，2023年")


# --------------------------------------------------------------- toc_marker, page_furniture


def test_navigation_markers_are_removed_and_recorded():
    doc = clean(source_from_text("标题\n\n文/记者 张三\n\n" + W[:10] + "。\n\n返回目录\n"))
    assert [r.text for r in doc.removed] == ["返回目录"]
    assert doc.removed[0].rule == "toc_marker" and doc.removed[0].lines == (7, 7)
    assert is_navigation_marker("▶返回目录", ())
    assert split_navigation_marker("他说。返回目录", ("返回目录",)) == ("他说。", "返回目录")


def test_running_heads_and_page_numbers_recur_so_they_are_furniture():
    pages = []
    for page in range(1, 6):
        pages.append(f"城市周刊 2024年3月 第12期\n{W[:28]}，\n{W[:28]}，\n{page + 40}")
    lines = read_lines("\n\f".join(pages).split("\n"))
    found = find_page_furniture(lines)
    assert {lines[i].text for i in found} == {"城市周刊 2024年3月 第12期", "41", "42", "43", "44", "45"}
    assert furniture_key("P45") == furniture_key("P46")
    assert is_page_number("118") and not is_page_number("2023") and not is_page_number("118亿元")


def test_a_head_on_every_other_page_is_furniture_when_it_stands_at_the_page_edge():
    """Left and right running heads alternate: each recurs on half the pages only, but always as
    a page's first line, here inside a sentence that runs on across the page."""
    page = f"{W[:29]}，\n{W[:29]}，\n{W[:12]}。\n"
    running_on = f"{W[:29]}，\n{W[:29]}\n"
    heads = ["新知", "城市", "新知", "城市"]
    text = "\f".join([page + running_on] + [f"{head}\n续{page}{running_on}" for head in heads])
    doc = clean(source_from_text(text))
    assert sorted(r.text for r in doc.removed if r.kind == "furniture") == ["城市", "城市", "新知", "新知"]
    assert all("新知" not in b.text and "城市" not in b.text for a in doc.articles for b in a.blocks)


def test_without_page_marks_recurrence_alone_is_not_furniture():
    # A speaker's label repeated in an interview is text; nothing marks the pages.
    text = "\n".join(f"《财经》：\n{W[:28]}，\n{W[:10]}。" for _ in range(6))
    assert not find_page_furniture(read_lines(text.split("\n")))


def test_without_page_marks_a_head_that_counts_pages_or_cuts_a_sentence_is_furniture():
    # pypdfium2 writes no form feed: the running head with its folio closes each page's text.
    text = "\n".join(f"{W[:28]}，\n{W[:28]}\n城市周刊 第27期 {page} / 城市周刊\n{W[:10]}。"
                     for page in range(90, 94))
    lines = read_lines(text.split("\n"))
    heads = {f"城市周刊 第27期 {n} / 城市周刊" for n in range(90, 94)}
    assert {lines[i].text for i in find_page_furniture(lines)} == heads


# --------------------------------------------------------------- article_head, section_label


def test_an_article_head():
    text = pdfminer(" 封面文章 ", "Cover Story", "中美新起点") + \
        "两国元首旧金山会晤取得了战略性成果\n双方沟通交流更加务实\n\n" + \
        pdfminer("文/《财经》特派记者 金焱 发自华盛顿", "编辑/苏琦", W[:20] + "。")
    doc = clean(source_from_text(text))
    article = doc.articles[0]
    assert (article.section, article.title) == ("封面文章", "中美新起点")
    assert article.deck == "两国元首旧金山会晤取得了战略性成果双方沟通交流更加务实"
    assert article.bylines == ("文/《财经》特派记者 金焱 发自华盛顿", "编辑/苏琦")
    assert [r.text for r in doc.removed] == ["Cover Story"]


def test_an_english_label_alone_over_a_title_starts_an_article():
    body = "".join(f"{W[:29]}，\n{W[:12]}。\n" for _ in range(3))
    text = "标题在这里\n文/记者 张三\n" + body + "Future Transport\n新能源车补贴政策的争议与纠错\n" + \
        "——对话北大新结构经济学研究院副院长\n文/特约撰稿人 刘潇阳\n" + body
    articles = clean(source_from_text(text)).articles
    assert [(a.section, a.title, a.bylines) for a in articles] == [
        (None, "标题在这里", ("文/记者 张三",)),
        ("Future Transport", "新能源车补贴政策的争议与纠错", ("文/特约撰稿人 刘潇阳",))]


def test_a_caption_left_from_the_page_before_does_not_hold_the_next_articles_label():
    body = "".join(f"{W[:29]}，\n{W[:12]}。\n" for _ in range(3))
    text = "英伟达CEO黄仁勋。 图/视觉中国\n经济\nEconomy\n定义和概览\n文/本刊记者 孙颖\n" + body
    articles = clean(source_from_text(text)).articles
    assert [(a.section, a.title) for a in articles] == [(None, None), ("经济", "定义和概览")]
    assert articles[0].blocks[0].kind == "caption"


def test_bylines_under_a_label_whose_title_the_layout_lost_stay_in_the_head():
    text = "社评\nEditorial\n文/本刊记者 孙颖\n" + "".join(f"{W[:29]}，\n{W[:12]}。\n" for _ in range(3))
    article = clean(source_from_text(text)).articles[0]
    assert (article.section, article.title, article.bylines) == ("社评", None, ("文/本刊记者 孙颖",))
    assert all(block.kind == "paragraph" for block in article.blocks)


def test_byline_subtitle_and_section_forms():
    assert is_byline("记者 江玮") and is_byline("沈建光：京东集团首席经济学家")
    assert not is_byline("《财经》：时隔六年，你如何看待此次会晤的意义？")
    assert is_subtitle("——专访复旦大学国际问题研究院院长")
    assert is_section_label("文化 逝者", {"文化 逝者": "Culture·Obituary"})


def flowed(*articles: tuple[str, ...]) -> str:
    """Flowed text as magclean writes it: a block a line, one blank line between blocks, two
    between articles."""
    return "\n\n\n".join("\n\n".join(blocks) for blocks in articles) + "\n"


def test_flowed_text_starts_articles_only_where_its_gaps_say():
    # A short line over a speaker's line reads as a title over its byline in wrapped text;
    # in flowed text the writer already set the article breaks apart by a wider gap.
    text = flowed(("中美新起点", "文/记者 金焱", W + "。", "政策难免有漏洞", "王勇：" + W + "。"),
                  ("第二篇", "编辑/苏琦", W[:20] + "。"))
    doc = clean(source_from_text(text))
    assert [a.title for a in doc.articles] == ["中美新起点", "第二篇"]
    assert [b.text for b in doc.articles[0].blocks][-1] == "王勇：" + W + "。"


def test_a_flowed_deck_is_one_line():
    # Two whole paragraphs and then a byline further down are no deck of two lines.
    text = flowed(("中美新起点", W[:20] + "。", W[:15] + "。", "文/记者 金焱", W + "。"))
    article = clean(source_from_text(text)).articles[0]
    assert article.deck is None and article.blocks[0].text == W[:20] + "。"


# --------------------------------------------------------------- heading, pull_quote, endnote, table


def test_a_short_line_standing_alone_is_a_heading():
    text = pdfminer(W[:29] + "，", W[:10] + "。", "旧金山，新起点", W[:29] + "，", W[:8] + "。")
    assert [k for k, _ in blocks(text)] == ["paragraph", "heading", "paragraph"]


def test_where_indents_are_kept_a_line_without_one_continues_an_open_sentence():
    """pdftotext -layout keeps first-line indents: a line set in and run to the margin opens a
    paragraph, however it starts (a recurring label is no heading there), and a line without an
    indent after an open sentence goes on with it, however short proportional Latin made it."""
    body = "".join(f"  {W[:28]}，\n{W[:29]}，\n{W[:12]}。\n" for _ in range(3))
    labelled = "  王勇：" + W[:25]
    latin = "  它鼓励程序员使用 GNU General Public License 或其他"
    text = body + f"{labelled}\n{W[:29]}，\n{W[:12]}。\n{latin}\n{W[:29]}，\n{W[:12]}。\n" + \
        f"  王勇：{W[:10]}。\n" * 2 + body
    found = blocks(text)
    assert ("paragraph", labelled.strip() + W[:29] + "，" + W[:12] + "。") in found
    assert ("paragraph", latin.strip() + W[:29] + "，" + W[:12] + "。") in found


def test_a_question_set_as_a_block_of_its_own_over_its_answer_is_a_heading():
    """pdftotext begins a text block where the type changes: a blank line above the question,
    none under it, in a text whose paragraphs follow one another without one."""
    body = "".join(f"{W[:29]}，\n{W[:29]}，\n{W[:12]}。\n" for _ in range(3))
    text = body + "\n本文档是什么？\n" + body
    assert ("heading", "本文档是什么？") in blocks(text)
    assert ("paragraph", "本文档是什么？") in blocks(body + "本文档是什么？\n" + body)  # in the flow


def test_end_notes_close_an_article():
    assert is_endnote("（翻译：臧博；编辑：袁满）") and is_endnote("（上海 林礼）")
    assert not is_endnote("（下称“进博会”）开幕")
    text = pdfminer(W[:29] + "，", W[:10] + "。", "（作者为资深影评人；编辑：臧博）")
    assert blocks(text)[-1] == ("endnote", "（作者为资深影评人；编辑：臧博）")


def test_table_residue_is_kept_apart():
    assert is_table_residue("表1：北交所成立两周年之际市场数据") and is_table_residue("资料来源：北交所官网")
    text = pdfminer(W[:29] + "，", W[:10] + "。", "表1：市场数据", "资料来源：北交所官网", W[:10] + "。")
    assert ("table", "表1：市场数据") in blocks(text)
    assert ("table", "资料来源：北交所官网") in blocks(text)


# --------------------------------------------------------------- english_words


def test_english_words_broken_at_line_ends():
    assert join_latin("The San Fran", "cisco meeting", broken_words=True) == "The San Francisco meeting"
    assert join_latin("a century-", "old history", broken_words=True) == "a century-old history"
    assert join_latin("held a", "positive", broken_words=True, spaced=True) == "held a positive"
    assert marks_word_ends([(True, False), (False, True), (True, False)])


def test_a_token_broken_at_a_line_end_is_joined_without_a_space():
    # An identifier, a variable or a host name broken where the typesetter may break it.
    lines = [W[:29] + "。", W[:24] + "，用户将 LC_", "MESSAGES 设为" + W[:22], W[:22] + "，要支持 $",
             "(DESTDIR) 变量" + W[:21], W[:22] + "，都通过 security.", "debian.org 提供。"]
    assert blocks(pdfminer(*lines))[1:] == [("paragraph", W[:24] + "，用户将 LC_MESSAGES 设为" + W[:22]
                                             + W[:22] + "，要支持 $(DESTDIR) 变量" + W[:21]
                                             + W[:22] + "，都通过 security.debian.org 提供。")]
    # A sentence that ends with a word, then a lowercase word that is no name: the space stays.
    assert join_latin("It ended at the station.", "the next day", broken_words=False) \
        == "It ended at the station. the next day"


# --------------------------------------------------------------- cjk_spacing


def test_a_letter_spaced_line_is_closed_up_and_read_as_the_full_line_it_was():
    # Justified around a long Latin word, the line was stretched to the margin: it continues.
    text = pdfminer(W[:29] + "，", "任何一个Debian 镜 像 站 点 获 得， 位 于 文 件", "indices 之中。")
    assert blocks(text) == [("paragraph", W[:29] + "，任何一个Debian 镜像站点获得，位于文件 indices 之中。")]
    assert blocks(text, disabled=frozenset({"cjk_spacing"}))[0][1].count(" ") > 3


def test_the_authors_spaces_between_words_stay():
    text = pdfminer(W[:29] + "，", "请阅读第 13 章 向 Debian 计划作出贡献。")
    assert blocks(text)[0][1].endswith("请阅读第 13 章 向 Debian 计划作出贡献。")


def test_han_and_latin_join_at_a_line_break_as_the_articles_lines_set_them():
    spaced = ("大多数 Linux 用户运行 Linux 的一个特定发行版，例如 Debian", "GNU/Linux 或其他当代的",
              "Linux 发行版。")
    assert blocks(pdfminer(*spaced))[0][1] == " ".join(spaced)
    joined = ("据USITC数据计算，美国自华商品进口占比从2017年的21.6%降至", "2022年的16.5%，下降了",
              "5.1个百分点。")
    assert blocks(pdfminer(*joined))[0][1] == "".join(joined)


# --------------------------------------------------------------- switching rules


def test_rules_can_be_switched_off():
    text = "标题\n\n文/记者 张三\n\n" + W[:10] + "。\n\n返回目录\n"
    kept = clean(source_from_text(text), CleanConfig(disabled=frozenset({"toc_marker"})))
    assert not kept.removed
    assert any("返回目录" in b.text for a in kept.articles for b in a.blocks)


def test_reviewed_paragraph_breaks_override_the_margin_model():
    text = pdfminer(W[:29] + "。", W[:10] + "。")
    assert len(blocks(text, paragraph_breaks={3: True})) == 2
    assert len(blocks(text, paragraph_breaks={3: False})) == 1


def test_document_round_trips_through_json():
    doc = clean(source_from_text(pdfminer(W[:29] + "，", W[:10] + "。")))
    assert Document.from_json(doc.to_json()) == doc


def test_a_question_alone_on_the_line_after_a_margin_end_starts_a_new_block():
    # The sentence ended exactly at the margin; the next line is one whole question, short of
    # the column: set on a line of its own, not a paragraph's last line.
    full = W[:29] + "。"
    question = "我有多台机器；我怎样才能只下载一次更新？"
    assert decide_boundary(full, question, W[:29] + "，" + full, 2, 60, None).ends_paragraph
    assert not decide_boundary(full, "他们更新了。", W[:29] + "，" + full, 2, 60, None).ends_paragraph


# --------------------------------------------------------------- question_heading (wrapped)


def test_a_question_wrapped_in_larger_type_reads_as_one_heading():
    # The question's first line stands short (larger type reached the margin sooner), its end
    # "问？" shorter still: one question heading, not a paragraph line and a one-word heading.
    paragraph = [W[:28] + "，", W[:29] + "，", W[:10] + "。"]
    q1, q2 = "如何在不牺牲系统安全性的情况下提供对硬件外设的访", "问？"
    text = "\n".join([*paragraph, "为什么要升级？", *paragraph, *paragraph, q1, q2, *paragraph]) + "\n"
    got = blocks(text)
    assert ("heading", q1 + q2) in got
    assert ("heading", q2) not in got


# --------------------------------------------------------------- caption_credit (dated start)


def test_a_dated_caption_between_paragraphs_is_taken_whole_though_it_fills_the_column():
    # A press caption in smaller type runs wider than the body's measure; it opens with its
    # date where a sentence ended and runs to the credit without closing one: all of it is
    # the caption, and the heading under it is no part of it.
    body = [W[:22] + "，", W[:22] + "，", W[:10] + "。"]
    dated = "2023 年 11 月 15 日，国家主席习近平在美国旧金山斐洛里庄"
    text = "\n".join([*body, dated, "园同美国总统拜登举行中美元首会晤。 图/新华", "校验软件包安装过程",
                      *body]) + "\n"
    got = blocks(text)
    assert ("caption", dated + "园同美国总统拜登举行中美元首会晤。 图/新华") in got
    assert ("heading", "校验软件包安装过程") in got
