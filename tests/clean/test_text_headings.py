"""Headings and captions on the text path, from the evidence the text itself gives: the form an
article gives its headings (questions), the editor's closing credit, a question wrapped where
larger type met the margin, a caption set in smaller type, a caption set into a sentence."""

from __future__ import annotations

from magclean import clean_text

HEAD = ["标题在这里", "文/记者 张三"]
BODY = ["中美关系历经波折，止跌回稳，来到了一个新起点，双方",
        "都表示愿意继续沟通，稳定两国关系，管控分歧与风险。",
        "会谈持续了四个小时，双方就许多问题交换了意见，取得",
        "了积极成果，外界普遍认为这是一次重要的会晤和对话。"]
TEXT = ("新的一年里，街道把老房子的修缮放在了首位，设计团队带着学生挨家挨户走访，画下每一栋房子的结构"
        "记下每一户人家的需求，他们发现真正需要拆除的房子不到一成，大部分只要加固屋顶更换管线修好排水"
        "就能继续住下去，改造从春天开始分三期进行，施工队每次只封闭一段街道，居民不用搬走也能照常生活。")
LONG = [TEXT[i:i + 24] for i in range(0, len(TEXT), 24)]  # one paragraph wrapped at 24 characters
ANSWER = ["旧版本不再获得安全更新，继续使用会带来风险，所以",
          "我们建议所有用户尽快升级到新的稳定版本，越早越好。"]


def blocks(lines: list[str], disable: tuple[str, ...] = ()) -> list[tuple[str, str]]:
    document = clean_text("\n".join(lines), disable=disable)
    return [(b.kind, b.text) for a in document.articles for b in a.blocks]


def headings(lines: list[str], disable: tuple[str, ...] = ()) -> list[str]:
    return [text for kind, text in blocks(lines, disable) if kind == "heading"]


FAQ = [*HEAD, *BODY, "为什么要升级？", *ANSWER, "怎样才能升级？", *ANSWER, "升级要多久？", *ANSWER]


def test_questions_alone_over_their_answers_are_the_articles_headings():
    assert headings(FAQ) == ["为什么要升级？", "怎样才能升级？", "升级要多久？"]
    assert headings(FAQ, disable=("question_heading",)) == []


def test_one_question_alone_is_a_paragraph():
    assert headings([*HEAD, *BODY, "为什么要升级？", *ANSWER, *BODY]) == []


def test_one_question_alone_that_opens_the_body_heads_its_first_section():
    assert headings([*HEAD, "为什么要升级？", *ANSWER, *BODY]) == ["为什么要升级？"]
    assert headings([*HEAD, "为什么要升级？", *ANSWER, *BODY], disable=("question_heading",)) == []


def test_an_article_whose_headings_are_statements_keeps_its_questions_in_the_body():
    lines = [*HEAD, *BODY, "新的起点", *BODY, "为什么要升级？", *ANSWER, "怎样才能升级？", *ANSWER,
             "未来的方向", *BODY, "升级之后", *BODY]
    assert headings(lines) == ["新的起点", "未来的方向", "升级之后"]


def test_spoken_questions_are_no_headings():
    lines = [*HEAD, *BODY, "“你为什么要升级？”", *ANSWER, "问：怎样才能升级？", *ANSWER, *BODY]
    assert headings(lines) == []


def test_the_first_line_of_a_wrapped_question_is_no_heading_of_its_own():
    lines = [*HEAD, *BODY, "我需要在磁盘上一直保留所有已经下载过的", "档案文件吗？", *ANSWER, *BODY]
    assert "我需要在磁盘上一直保留所有已经下载过的" not in headings(lines)


def test_the_editors_closing_credit_is_no_heading():
    lines = [*HEAD, *LONG, "责任编辑：周宁", *LONG]
    assert headings(lines) == []


def test_a_line_with_a_full_stop_inside_is_no_heading():
    lines = [*HEAD, *BODY, "稳定版不会增加新功能。一旦一个", *BODY]
    assert headings(lines) == []


def test_a_short_line_under_the_bylines_and_deck_is_the_first_heading():
    lines = ["标题在这里", "导语在这里，写得比较长一些。", "文/记者 张三", "加固系统", *LONG, *LONG]
    assert "加固系统" in headings(lines)


def test_a_block_wider_than_any_body_line_is_a_caption():
    caption = "改造后的东关街在傍晚时分游人如织，街上新开了几家咖啡馆。"  # 28 characters to the body's 24
    assert ("caption", caption) in blocks([*HEAD, *LONG, caption, *LONG])
    assert ("caption", caption) not in blocks([*HEAD, *LONG, caption, *LONG], disable=("caption_type",))


def test_a_block_set_apart_after_a_comma_is_a_caption_inside_its_paragraph():
    # pdftotext: paragraphs run on without a blank line; the caption's block is set apart.
    cut = ["居民的反对让方案搁置了一年多，后来区里请来了一支",
           "设计团队，负责人带着学生挨家挨户地走访了整条街，",
           "画下每一栋房子的结构，记下每一户人家的需求。"]
    lines = [*HEAD, *LONG, *LONG, *LONG, *cut[:2], "", "国家税务总局的官方文件。", "", cut[2], *LONG, *LONG]
    found = blocks(lines)
    assert ("caption", "国家税务总局的官方文件。") in found
    assert ("paragraph", "".join(cut)) in found


def test_a_bare_credit_takes_the_line_set_into_the_running_sentence_as_its_caption():
    # Every line a block of its own (pdfminer.six): "…在" goes on in "儿子眼中…", not in "英伟达…".
    text = ["饰演一个暴虐的父亲，他在儿子面前恐吓妻子和孩子，在", "英伟达首席执行官黄仁勋。", "图/视觉中国",
            "儿子眼中是个精神病患者，以至于他死后几年间，是孩子们在",
            "一生中最欢乐的时光，儿子眼中的父亲从此不同。"]
    lines = [line for row in [*HEAD, *BODY, *text, *BODY] for line in (row, "")]
    found = blocks(lines)
    assert ("caption", "英伟达首席执行官黄仁勋。图/视觉中国") in found


def test_a_full_line_wider_than_the_columns_mode_is_no_heading():
    # Justified lines that hold Latin words count a column or two short of the measure they
    # fill, so the column's width (the mode) falls short of it; a paragraph's first line set
    # to the full measure, unpunctuated at its end, runs on into its paragraph.
    mode = ["国家统计局公布的数据显示三季度经济增长好于预期市场信心持续恢复消费"[:26] + "AB",
            "投资和出口都出现了明显的回升态势各方普遍预计全年目标能够顺利实现并"[:26] + "CD"] * 4
    first = "这是稳定且久经测试的软件它只有在重大的安全或稳定性更新被整合进入"[:28]
    lines = [*HEAD, *mode, "年底。", first, "时才发生变化。", *mode, "年底。"]
    assert not headings(lines)
    assert (first + "时才发生变化。") in [text for _, text in blocks(lines)]


def test_a_line_that_leaves_a_quotation_open_is_no_heading_and_runs_on():
    # pdftotext writes the piece before a mark XeLaTeX compressed as a line of its own ("“拆了就"):
    # short and unpunctuated, but the quotation it opens goes on in the next line.
    lines = [*HEAD, *BODY, "“拆了就", "什么都没了。”刘桂芬说，“我们要的是修，不是搬。”", *BODY]
    assert not headings(lines)
    assert any(text.startswith("“拆了就什么都没了。”") for _, text in blocks(lines))
    # A heading may quote, but closes what it quotes.
    assert headings([*HEAD, *BODY, "“三定”方案的新变化", *BODY]) == ["“三定”方案的新变化"]


def test_a_line_in_smaller_type_stays_out_of_the_paragraph_around_it():
    # More characters to the measure than any body line holds (a float's caption in smaller
    # type): the paragraph above ends before it and the one below starts after it.
    caption = "消费和投资的大幅走强是推高美国三季度增速的主要因素三季度的消费反弹"  # 32 characters, body 24
    got = [text for _, text in blocks([*HEAD, *LONG, caption, *LONG])]
    assert caption in got
    assert got.count(TEXT) == 2


def test_a_short_line_over_a_kept_indent_is_a_heading_though_the_sentence_above_filled_the_line():
    # pdftotext -layout keeps the 2-em indent: under a sentence that ended at the margin, a
    # line that is not set in goes on with its paragraph, unless it is short, unpunctuated,
    # and the line under it is set in: no paragraph ends on an open phrase.
    para = ["  中美关系历经波折，止跌回稳，来到了一个新", "起点，双方都表示愿意继续沟通，稳定两国关",
            "系，管控分歧。"] * 5
    full = ["  会谈持续了四个小时，双方就许多问题交换了", "意见，取得了积极成果，这是一次重要会晤。"]
    start = ["  还有另外一个常见的问题：不同平台之间的库", "名称常常因平台而异。"]
    assert headings([*HEAD, *para, *full, "不同的库名称", *start]) == ["不同的库名称"]


def test_a_short_line_that_stops_inside_a_word_is_no_heading():
    # The issue writes 软件包 again and again: a short line ending on 软件 over a line opening
    # on 包 stops inside the word, whatever its width (a line cut short by a float).
    words = [TEXT[i:i + 24] + "软件包" for i in range(0, len(TEXT), 24)]
    lines = [*HEAD, *words, *LONG, "目前包含了超过五万个软件", "包。用户可以选择安装哪些工具。", *LONG]
    assert "目前包含了超过五万个软件" not in headings(lines)
    assert "目前包含了超过五万个软件包。用户可以选择安装哪些工具。" in [t for _, t in blocks(lines)]
