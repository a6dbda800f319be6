"""Small magazine PDFs typeset by WeasyPrint for the PDF tests (WeasyPrint is a test extra).

Each sample is built from an HTML string: Noto CJK type, running heads and page numbers in
``@page`` margin boxes, a 2em first-line indent, headings bold and larger, figures with a
small-type caption, 1 or 2 columns (``column-count``). The expected blocks come from the same
data, so a test compares what the cleaner found with what was typeset.
"""

from __future__ import annotations

import html
import random
from dataclasses import dataclass, field
from pathlib import Path

SENTENCES = (
    "城市更新的节奏正在改变老街区的面貌", "居民们在新建的广场上散步聊天", "这项计划从去年春天开始试点",
    "专家认为交通规划仍需细化", "社区食堂每天中午供应三百份午餐", "年轻人把旧厂房改造成书店和咖啡馆",
    "市政部门表示明年将扩大试点范围", "河道整治让两岸重新热闹起来", "一位老人说这里的变化超出了想象",
    "数据显示客流量比上年增长了两成", "规划师建议保留原有的街巷肌理", "夜市的摊位在傍晚时分陆续亮灯",
)


@dataclass
class Sample:
    """What was typeset: paragraphs, headings and captions in order, and the CSS knobs."""

    paragraphs: list[str] = field(default_factory=list)
    headings: list[str] = field(default_factory=list)
    captions: list[str] = field(default_factory=list)
    body: list[tuple[str, str]] = field(default_factory=list)  # (kind, text) in order


def paragraph_text(rng: random.Random, sentences: int) -> str:
    """A paragraph of CJK sentences, some with a Latin word or a number."""
    parts = []
    for _ in range(sentences):
        sentence = rng.choice(SENTENCES)
        if rng.random() < 0.2:
            sentence += f"，约{rng.randint(10, 999)}家店铺参与"
        parts.append(sentence + rng.choice("。。。！？"))
    return "".join(parts)


def magazine_html(seed: int, columns: int = 2, indent_em: int = 2, paragraphs: int = 14,
                  figure: str = "between", credit: bool = True) -> tuple[str, Sample]:
    """An article in HTML and what it holds. ``figure``: "between", "inside" (the paragraph
    before it is split around the figure), "wrap" (floated box the text flows beside) or "none"."""
    rng = random.Random(seed)
    sample = Sample()
    parts = ['<h1 class="title">老街区的新生活</h1>', '<p class="byline">文/本刊记者 张三</p>',
             '<div class="body">']
    for k in range(paragraphs):
        text = paragraph_text(rng, rng.randint(2, 6))
        if k == paragraphs // 2:
            heading = "街巷里的烟火气"
            parts.append(f"<h2>{heading}</h2>")
            sample.headings.append(heading)
            sample.body.append(("heading", heading))
        if k == 3 and figure != "none":
            caption = "傍晚时分的河岸步道，居民在这里散步。" + ("图/新华" if credit else "")
            box = f'<figure><div class="box"></div><figcaption>{html.escape(caption)}</figcaption></figure>'
            if figure == "inside":
                cut = len(text) // 2
                parts.append(f'<p class="cut">{text[:cut]}</p>{box}<p class="rest">{text[cut:]}</p>')
            elif figure == "wrap":
                parts.append(f'<figure class="wrap"><div class="box"></div><figcaption>{html.escape(caption)}'
                             f"</figcaption></figure><p>{text}</p>")
            else:
                parts.append(f"{box}<p>{text}</p>")
            sample.captions.append(caption)
            sample.body.append(("caption", caption))
        else:
            parts.append(f"<p>{text}</p>")
        sample.paragraphs.append(text)
        sample.body.append(("paragraph", text))
    parts.append("</div>")
    css = f"""
    @page {{ size: 150mm 210mm; margin: 20mm 16mm;
      @top-left {{ content: "城市周刊 2024年3月18日"; font-size: 8pt; font-family: "Noto Sans CJK SC"; }}
      @top-right {{ content: "封面故事"; font-size: 8pt; font-family: "Noto Sans CJK SC"; }}
      @bottom-center {{ content: "— " counter(page) " —"; font-size: 8pt; }} }}
    body {{ font-family: "Noto Serif CJK SC"; font-size: 10pt; line-height: 1.6; text-align: justify; }}
    p {{ text-indent: {indent_em}em; margin: 0; }}
    h1.title {{ font-size: 18pt; margin: 0 0 0.4em 0; }}
    p.byline {{ text-indent: 0; font-size: 9pt; margin-bottom: 1em; }}
    h2 {{ font-size: 12pt; font-weight: bold; margin: 0.6em 0 0.3em 0; break-after: avoid; }}
    .body {{ column-count: {columns}; column-gap: 2em; }}
    figure {{ margin: 0.6em 0; break-inside: avoid; }}
    .box {{ background: #ccc; height: 5em; }}
    figcaption {{ font-size: 8pt; line-height: 1.4; }}
    figure.wrap {{ float: right; width: 7em; margin: 0.2em 0 0.2em 1em; }}
    p.cut {{ text-align-last: justify; }} p.rest {{ text-indent: 0; }}
    """
    document = (f"<html><head><meta charset='utf-8'><style>{css}</style></head>"
                f"<body>{''.join(parts)}</body></html>")
    return document, sample


def render(document: str, path: Path) -> Path:
    """Typeset an HTML string into a PDF at ``path``."""
    import weasyprint

    weasyprint.HTML(string=document).write_pdf(path)
    return path
