"""The text of .docx and .pdf files (index.parsing.documents): documents made here with python-docx and reportlab,
the way bureaus' attachments come (header tables, bold labels, running headers and footers, two columns, scans)."""

from __future__ import annotations

import io
import re
import zipfile

import docx
import pytest
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.cidfonts import UnicodeCIDFont
from reportlab.pdfgen import canvas

from index.errors import CorpusParseError
from index.parsing.documents import docx_text
from index.parsing.pdf_layout import pdf_text

FONT = "STSong-Light"  # reportlab's built-in CID font: Chinese text with a text layer, no font file needed
pdfmetrics.registerFont(UnicodeCIDFont(FONT))


def docx_of(build) -> bytes:  # type: ignore[no-untyped-def]
    document = docx.Document()
    build(document)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def pdf_of(pages: list[list[tuple[float, float, str]]], size: int = 12) -> bytes:
    """A PDF whose pages hold these (x, y, text) lines."""
    out = io.BytesIO()
    page = canvas.Canvas(out)
    for lines in pages:
        page.setFont(FONT, size)
        for x, y, text in lines:
            page.drawString(x, y, text)
        page.showPage()
    page.save()
    return out.getvalue()


def test_docx_headings_tables_bold_labels_and_soft_breaks() -> None:
    def build(document) -> None:  # type: ignore[no-untyped-def]
        document.add_heading("枫江市医疗保障局新闻发布会", 1)
        table = document.add_table(rows=2, cols=2)
        table.cell(0, 0).text, table.cell(0, 1).text = "时间", "2024年6月1日"
        table.cell(1, 0).text = "发布人"
        table.cell(1, 1).text = "枫江市医疗保障局局长 张三"
        table.cell(1, 1).add_paragraph("枫江市医疗保障局副局长 李四")
        label = document.add_paragraph()
        label.add_run("主持人：").bold = True
        label.add_run("请介绍一下。")
        document.add_paragraph().add_run("一、门诊报销").bold = True
        answer = document.add_paragraph()
        run = answer.add_run("张三：今年门诊报销比例")
        run.add_break()
        answer.add_run("提高到60%。")

    extracted = docx_text(docx_of(build), "a.docx")
    assert extracted.text.split("\n\n") == [
        "枫江市医疗保障局新闻发布会", "时间\t2024年6月1日", "发布人\t枫江市医疗保障局局长 张三", "枫江市医疗保障局副局长 李四",
        "主持人：请介绍一下。", "一、门诊报销", "张三：今年门诊报销比例\n提高到60%。\n"]
    starts = {extracted.text.index(line) for line in ("枫江市医疗保障局新闻发布会", "一、门诊报销")}
    assert extracted.headings == starts, "the Heading style and the all-bold paragraph; a bold label is no heading"


def test_a_docx_that_unpacks_to_a_huge_text_is_refused_while_reading() -> None:
    paragraph = "<w:p><w:r><w:t>" + "字" * 1000 + "</w:t></w:r></w:p>"
    body = paragraph * 300  # 300,000 characters from a few KB of zip
    source = docx_of(lambda d: d.add_paragraph("x"))
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(source)) as original, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as copy:
        for item in original.infolist():
            data = original.read(item.filename)
            if item.filename == "word/document.xml":
                data = data.replace(b"<w:body>", b"<w:body>" + body.encode("utf-8"))
            copy.writestr(item, data)
    assert len(out.getvalue()) < 60_000
    with pytest.raises(CorpusParseError, match="longer than 200,000 characters"):
        docx_text(out.getvalue(), "bomb.docx", max_chars=200_000)
    assert len(docx_text(out.getvalue(), "bomb.docx", max_chars=400_000).text) > 300_000


@pytest.mark.parametrize(("data", "reason"), [(b"PK\x03\x04" + bytes(60), "not a .docx document"),
                                              ("不是文档".encode("utf-8"), "not a zip archive")])
def test_a_damaged_docx_says_so(data: bytes, reason: str) -> None:
    with pytest.raises(CorpusParseError, match=reason):
        docx_text(data, "bad.docx")


def test_pdf_lines_are_rejoined_and_running_headers_footers_and_page_numbers_left_out() -> None:
    pages = []
    for n in range(1, 4):
        pages.append([
            (72, 800, "溪宁市人民政府公报"),
            (72, 740, f"　　记者：请问第{n}项措施是什么？"),
            (72, 722, f"　　负责人：谢谢你的提问。第{n}项措施主要解决资金来源的问题，包括财政"),
            (72, 704, f"补助和社会资本两个部分，今年安排资金{n}亿元。"),
            (280, 60, f"— {n} —"),
        ])
    text = pdf_text(pdf_of(pages), "a.pdf").text
    assert "公报" not in text and "—" not in text
    assert text.split("\n\n")[:2] == ["记者：请问第1项措施是什么？",
                                      "负责人：谢谢你的提问。第1项措施主要解决资金来源的问题，包括财政补助和社会资本两个部分，"
                                      "今年安排资金1亿元。"]
    assert text.count("记者：") == 3


def test_a_paragraph_goes_on_across_a_page_break() -> None:
    first = [(72, 740, "　　负责人：经营者单店预收资金余额达到五十万元的，应当将超出部分存入专用"),
             (72, 722, "存管账户，由银行按照协议进行监管，防止经营"), (72, 60, "第 1 页 共 2 页")]
    first[1] = (72, 722, "存管账户，由银行按照协议进行监管，防止经营者卷款跑路，保护消费者权益，")
    second = [(72, 740, "确保资金安全。"), (72, 722, "　　记者：还有别的规定吗？"), (72, 60, "第 2 页 共 2 页")]
    text = pdf_text(pdf_of([first, second]), "b.pdf").text
    assert "防止经营者卷款跑路，保护消费者权益，确保资金安全。" in text and "页" not in text


def test_a_page_number_in_chinese_numerals_is_left_out_and_the_paragraph_goes_on() -> None:
    first = [(72, 740, "　　负责人：对零就业家庭、残疾人、大龄失业人员等就业困难人员，通过开"), (260, 60, "第一页 共二页")]
    second = [(72, 740, "发公益性岗位兜底安置，做到动态清零。"), (260, 60, "第二页 共二页")]
    text = pdf_text(pdf_of([first, second]), "p.pdf").text
    assert "通过开发公益性岗位兜底安置" in text and "页" not in text


def test_two_columns_are_read_column_by_column() -> None:
    left = ["左栏第一段的文字内容写得比较长一些，", "继续左栏的文字。", "　　左栏第二段。"]
    right = ["右栏第一段的文字内容也比较长一些，", "继续右栏的文字。", "　　右栏第二段。"]
    lines = [(60, 740 - 16 * i, a) for i, a in enumerate(left)] + [(320, 740 - 16 * i, b) for i, b in enumerate(right)]
    text = pdf_text(pdf_of([lines], size=11), "c.pdf").text
    assert text.split("\n\n") == ["左栏第一段的文字内容写得比较长一些，继续左栏的文字。", "左栏第二段。",
                                  "右栏第一段的文字内容也比较长一些，继续右栏的文字。", "右栏第二段。\n"]


def test_a_two_column_page_with_a_line_across_the_gutter_keeps_its_paragraphs_whole() -> None:
    """A date line centred across the gutter, full-width notes under the title, ragged column edges: each paragraph
    is whole (it ends a sentence or is a numbered question), and the notes come before the columns."""
    from tests.conftest import ROOT

    data = (ROOT / "tests" / "fixtures" / "layouts5" / "tongchuan-hrss-policy.pdf").read_bytes()
    paragraphs = pdf_text(data, "tongchuan-hrss-policy.pdf").text.strip().split("\n\n")
    numbered = [p for p in paragraphs if re.match(r"\d\. ", p)]
    assert [p[:2] for p in numbered] == [f"{n}." for n in range(1, 8)] and all(p.endswith("？") for p in numbered)
    prose = [p for p in paragraphs[3:] if p not in numbered and not p.startswith(("发布日期", "来源"))]
    assert prose and all(p.endswith("。") for p in prose), [p[-12:] for p in prose if not p.endswith("。")]
    assert paragraphs.index("解读机关：桐川市人力资源和社会保障局") < paragraphs.index("发布日期：2024-04-08")


def test_a_numbered_question_after_a_full_line_opens_a_paragraph_and_quotes_join() -> None:
    lines = [(72, 740, "不得以格式条款排除消费者权利，例如“最终解释权归本店所有”"),
             (72, 724, "“卡内余额概不退还”等条款，违者依法严肃查处，直至整改完成。"),
             (72, 708, "7. 什么时候开始施行？"), (72, 692, "自2024年5月1日起施行。")]
    text = pdf_text(pdf_of([lines], size=11), "d.pdf").text
    assert text.strip().split("\n\n") == ["不得以格式条款排除消费者权利，例如“最终解释权归本店所有”“卡内余额概不退还”等条款，"
                                            "违者依法严肃查处，直至整改完成。",
                                            "7. 什么时候开始施行？", "自2024年5月1日起施行。"]


def test_a_diagonal_watermark_across_the_text_is_left_out_and_loses_no_line_of_it() -> None:
    body = ["　　负责人：感谢这位网友的提问。我们主要有三项支持。第一是生活补贴，到我市企业就业",
            "的本科毕业生每月1000元。第二是住房支持，毕业5年内来我市工作的，可以申请人才公寓，",
            "租金按市场价的五折收取，最长3年。第三是就业服务，我们今年举办各类招聘会126场，",
            "提供岗位4.7万个。",
            "　　记者：创业贷款能贷多少？"]
    out = io.BytesIO()
    page = canvas.Canvas(out)
    page.setFont(FONT, 11)
    for i, line in enumerate(body):
        page.drawString(60, 700 - 18 * i, line)
    for x, y in ((120, 560), (300, 700)):  # a site's name stamped diagonally across the page, in light grey
        page.saveState()
        page.setFillGray(0.85)
        page.setFont(FONT, 30)
        page.translate(x, y)
        page.rotate(35)
        page.drawCentredString(0, 0, "某某市人民政府门户网站")
        page.restoreState()
    page.showPage()
    page.save()
    text = pdf_text(out.getvalue(), "w.pdf").text
    assert [part.strip() for part in text.split("\n\n")][:2] == ["负责人：" + "".join(body[:4])[len("　　负责人："):], "记者：创业贷款能贷多少？"]
    assert "门户" not in text


def test_a_pdf_without_a_text_layer_needs_ocr() -> None:
    out = io.BytesIO()
    page = canvas.Canvas(out)
    page.rect(72, 400, 300, 200, fill=1)  # a picture of text would be here: no characters at all
    page.showPage()
    page.save()
    with pytest.raises(CorpusParseError, match="no text layer .* needs OCR"):
        pdf_text(out.getvalue(), "scan.pdf")


@pytest.mark.parametrize("data", [b"%PDF-1.4 nothing else", b"%PDF-1.7\n" + bytes(300)])
def test_a_damaged_pdf_says_so(data: bytes) -> None:
    with pytest.raises(CorpusParseError, match="not a readable PDF|no text layer"):
        pdf_text(data, "bad.pdf")


def test_a_pdf_whose_text_is_too_long_is_refused_while_reading() -> None:
    pages = [[(72, 780 - 14 * i, "字" * 40) for i in range(50)] for _ in range(3)]
    with pytest.raises(CorpusParseError, match="longer than 3,000 characters"):
        pdf_text(pdf_of(pages, size=10), "long.pdf", max_chars=3_000)
