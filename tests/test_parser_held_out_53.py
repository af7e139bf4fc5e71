"""60. What the fifty-third batch of layouts (held out) found, each rule tested on text of its own: a digest whose
答疑分工 names who answers which numbered questions, a .docx whose footnotes name each answer's answerer, a school's
lunch with pupils labelled by class, a checkpoint's watch with greetings before questions, and a clinic's waiting
room (tests/test_parser_held_out.py holds sections 1 to 36, _30 to _52 sections 37 to 59)."""

from __future__ import annotations

import io
import re
import zipfile
from pathlib import Path

from index.parsing.orgs import find_city
from index.parsing.parser import parse_file
from index.parsing.people import parse_person, split_org_role
from index.parsing.speakers import find_label, read_label
from tests.parsing_helpers import answered, parse_written

DIGEST = """2031滘溪半程马拉松赛前问答汇总

（本文为虚构测试材料。）

一、答疑分工

第1—2问：市体育局竞赛训练科科长 祁明远

第3问：市公安局交通警察支队副支队长 房立新（第3问由赛事运营单位补充）

第4问：赛事运营单位滘溪飞驰体育发展有限公司赛事总监 柏云帆

二、问题及答复

1．（跑友“晨风”）今年名额有多少？

答：半程马拉松一共8000个名额，中签率约三成。

2．（跑友家属 吕女士）几点开跑？

答：早上7点30分鸣枪起跑。

3．（跑友“老周”）比赛当天哪些路封路？

答：5点到12点赛道沿线分时段交通管制。

补充：赛道沿线的管制时间表赛前一周在公众号公布。

4．（跑友“小舟”）奖牌什么样？

答：奖牌以滘溪的古桥为主题，完赛后在终点领取。
"""


def test_a_digest_gives_each_numbered_answer_to_whom_its_list_names_and_who_asks_in_brackets_is_no_question(
        tmp_path: Path) -> None:
    interview = parse_written(tmp_path, DIGEST, "digest.md")
    assert answered(interview) == [("今年名额有多", "祁明远"), ("几点开跑？", "祁明远"), ("比赛当天哪些", "房立新"),
                                   ("比赛当天哪些", "柏云帆"), ("奖牌什么样？", "柏云帆")]
    assert not any(p.text.startswith("第1—2问") for p in interview.passages if p.kind == "answer")


def _docx_with_footnotes(paragraphs: list[tuple[str, str | None]]) -> bytes:
    """A .docx whose paragraphs may each end in a footnote (python-docx writes none: the part is added by hand)."""
    import docx

    document = docx.Document()
    for text, _ in paragraphs:
        document.add_paragraph(text)
    raw = io.BytesIO()
    document.save(raw)
    w = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
    notes = "".join(f'<w:footnote w:id="{n}"><w:p><w:r><w:footnoteRef/></w:r><w:r><w:t xml:space="preserve"> {note}</w:t>'
                    f"</w:r></w:p></w:footnote>"
                    for n, (_, note) in enumerate([p for p in paragraphs if p[1]], start=1))
    footnotes = (f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:footnotes xmlns:w="{w}">'
                 f'<w:footnote w:type="separator" w:id="-1"><w:p><w:r><w:separator/></w:r></w:p></w:footnote>{notes}'
                 "</w:footnotes>")
    out = io.BytesIO()
    with zipfile.ZipFile(raw) as source, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for item in source.infolist():
            data = source.read(item.filename).decode("utf-8") if item.filename.endswith((".xml", ".rels")) else None
            if item.filename == "word/document.xml":
                number = 0
                for text, note in paragraphs:
                    if note:
                        number += 1
                        data = data.replace(f"<w:t>{text}</w:t></w:r>", f"<w:t>{text}</w:t></w:r><w:r>"
                                            f'<w:footnoteReference w:id="{number}"/></w:r>', 1)
            elif item.filename == "word/_rels/document.xml.rels":
                data = data.replace("</Relationships>", '<Relationship Id="rIdNotes" Type="http://schemas.openxmlformats'
                                    '.org/officeDocument/2006/relationships/footnotes" Target="footnotes.xml"/>'
                                    "</Relationships>")
            elif item.filename == "[Content_Types].xml":
                data = data.replace("</Types>", '<Override PartName="/word/footnotes.xml" ContentType="application/'
                                    'vnd.openxmlformats-officedocument.wordprocessingml.footnotes+xml"/></Types>')
            target.writestr(item, data.encode("utf-8") if data is not None else source.read(item.filename))
        target.writestr("word/footnotes.xml", footnotes.encode("utf-8"))
    return out.getvalue()


def test_a_docx_footnote_is_read_under_its_paragraph_and_names_who_answered(tmp_path: Path) -> None:
    path = tmp_path / "qa.docx"
    path.write_bytes(_docx_with_footnotes([
        ("婚姻登记现场问答整理", None),
        ("（本文为虚构测试材料。）", None),
        ("1．问（新人　俞先生、白女士）：登记要带户口本吗？", None),
        ("答：不用带户口本，带双方身份证就行。", "解答：市民政局婚姻登记处主任　冉静宜。"),
        ("2．问（新人　小潘）：婚前体检要花钱吗？", None),
        ("答：婚前医学检查免费，自愿参加。", "解答：市妇幼保健院婚前保健门诊主任　覃雨桐。"),
        ("3．问（新人　小潘）：户口本以后还要用吗？", None),
        ("答：办理户口迁移时要用。", "解答人同注1。"),
    ]))
    interview = parse_file(path, "qa.docx")
    assert answered(interview) == [("登记要带户口", "冉静宜"), ("婚前体检要花", "覃雨桐"), ("户口本以后还", "冉静宜")]
    assert [a.bureau for a in interview.passages if a.kind == "answer"][1] == "市妇幼保健院"
    assert "注1：解答：市民政局婚姻登记处主任　冉静宜。" in interview.text


def test_a_pupil_by_class_asks_and_greetings_one_after_another_are_no_part_of_the_question(tmp_path: Path) -> None:
    label = find_label("初一（2）班　鲁小禾：局长好！校长好！我想问一下午饭多少钱？")
    assert label is not None and read_label(label.name).side == "ask"
    text = ("午餐会实录\n\n（本文为虚构测试材料。）\n\n5月8日，区教育局副局长章立言来到滘溪实验小学，和校长苏晓梅一起与学生共进午餐。\n\n"
            "五年级（3）班　鲁小禾：局长好！校长好！我想问一下，午饭多少钱？\n\n章局长：每餐12元，困难家庭免费。\n\n"
            "五年级（1）班　任可：领导辛苦了！课后服务到几点？\n\n苏校长：到下午6点。\n")
    interview = parse_written(tmp_path, text, "lunch.md")
    assert answered(interview) == [("我想问一下，", "章立言"), ("课后服务到几", "苏晓梅")]
    principal = next(p for p in interview.passages if p.speaker == "苏晓梅")
    assert principal.bureau == "滘溪实验小学"


def test_posts_companies_and_places_the_roster_reads() -> None:
    assert split_org_role("和门诊护士长") == (None, "门诊护士长")
    assert split_org_role("洄某市岬心社会工作服务中心婚姻家庭辅导师")[1] == "婚姻家庭辅导师"
    assert parse_person("会同市民政局社会事务科科长郦文清") == parse_person("市民政局社会事务科科长郦文清")
    company = parse_person("学校食堂配餐企业南湖餐饮管理有限公司驻校项目经理汝佳一起")
    assert company is not None and (company.name, company.org, company.role) == ("汝佳", "南湖餐饮管理有限公司", "驻校项目经理")
    assert read_label("祭扫群众 伍大伯（某镇上坪村）").side == "ask"
    # "具体办法以市教育局……": 以 ends no city's name
    assert find_city("", "具体办法以市教育局每年公布的方案为准。", ["溏某市嵴山区教育局"]) == "溏某市"


def test_a_footer_names_the_page_whose_people_answer(tmp_path: Path) -> None:
    text = ("# 留观的30分钟\n\n原创　某某健康　2030年10月16日\n\n> 本文为虚构测试材料。\n\n"
            "10月15日，市疾病预防控制中心所长计宏远、市卫生健康委员会科长栾晓慧来到门诊。\n\n"
            "**🙋 岑阿姨**：第二针什么时候打？\n\n**💉 计所长**：间隔2个月。\n\n"
            "**🙋 钟大爷**：老人打疫苗免费吗？\n\n**🏛 栾科长**：65岁以上免费。\n\n"
            "**🙋 钟大爷**：能上门打吗？\n\n**🏛 栾科长**：不提供上门接种。\n\n---\n\n"
            "潆某市卫生健康委员会　地址：潆某市海晏路9号　电话：0169-8800120　版权所有\n")
    interview = parse_written(tmp_path, text, "clinic.md")
    assert interview.metadata.bureau == "潆某市卫生健康委员会"
    assert re.search(r"栾", "".join(t.answerer for t in interview.turns))
