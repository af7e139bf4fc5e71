"""Builds tests/fixtures/layouts2/linzhu-water-press.docx: a FICTIONAL press-conference transcript of
临渚市水利局 and 临渚市应急管理局.

Layout: the title as Heading 1, a header block of plain paragraphs (时间/地点/发布人, several 发布人 on one line
separated by "，"), and each speaker's label in its own bold paragraph with the words in the following
paragraph(s). One answer carries a soft line break inside a paragraph.

Run: .venv/bin/python tests/fixture_builders/linzhu_water_press.py
"""

from __future__ import annotations

import io
from pathlib import Path

from docx import Document
from docx.enum.text import WD_BREAK
from docx.shared import Pt

OUT = Path(__file__).resolve().parent.parent / "fixtures" / "layouts2" / "linzhu-water-press.docx"

TITLE = "临渚市2024年防汛备汛工作新闻发布会"

HEADER = [
    "时间：2024年4月25日上午9:30",
    "地点：临渚市人民政府新闻发布厅",
    "发布人：临渚市水利局党组书记、局长 卢海平，临渚市应急管理局副局长 施雅琴，临渚市水利局总工程师 冯骁",
    "主持人：临渚市人民政府新闻办公室副主任 祁文",
]

# (speaker label, [paragraphs]); a paragraph given as a tuple is written with a soft line break between its parts.
TRANSCRIPT: list[tuple[str, list]] = [
    ("主持人", [
        "各位记者朋友，大家上午好！今天我们召开新闻发布会，介绍全市2024年防汛备汛工作情况。出席今天发布会的有："
        "市水利局党组书记、局长卢海平先生，市应急管理局副局长施雅琴女士，市水利局总工程师冯骁先生。"
        "首先请卢海平局长介绍有关情况。",
    ]),
    ("卢海平", [
        "各位记者朋友，大家好！我市河网密布，全市共有水库146座、各类堤防1280公里。今年入春以来，市水利局组织开展了"
        "汛前大检查，共排查出各类隐患213处，目前已整改187处，其余26处落实了临时度汛措施，确保5月15日入汛前全部整改到位。",
        "下面，我和我的同事回答大家的提问。",
    ]),
    ("主持人", ["下面开始提问，请记者朋友举手示意。"]),
    ("临渚日报记者", ["水库安全是防汛的重中之重。今年全市在病险水库治理方面有哪些安排？"]),
    ("卢海平", [
        "谢谢你的提问。今年我们计划实施小型水库除险加固32座，总投资2.4亿元，要求6月底前完成主体工程。"
        "主汛期内，病险水库一律空库运行或者限制水位运行。",
        ("同时，全市146座水库全部落实行政、技术、巡查“三个责任人”，共438名，",
         "责任人名单已在《临渚日报》和市水利局网站公示，接受社会监督。"),
    ]),
    ("临渚广播电视台记者", ["去年夏天一场暴雨，城区好几个路段积水没过车轮。今年城区内涝问题能不能得到缓解？"]),
    ("冯骁", [
        "感谢记者朋友的关注。针对去年暴露出来的问题，我们会同住建部门对城区27处易涝点逐一制定了整治方案，"
        "截至目前已完成整治21处，剩下6处将在6月10日前完工。",
        "同时，今年新建的城北、江湾、新河3座排涝泵站将在主汛期前投入运行，城区排涝能力可以增加每秒45立方米。"
        "我们还在下穿隧道、地下车库入口等地安装了积水监测设备112套，积水超过15厘米会自动报警。",
    ]),
    ("记者", ["万一发生险情，我市的抢险救援力量和物资储备情况如何？"]),
    ("施雅琴", [
        "谢谢提问。目前全市已建成市级防汛物资储备库4个，储备冲锋舟120艘、救生衣1.6万件、编织袋35万条、"
        "移动排涝泵车18台。全市共组建各类抢险救援队伍52支、3100人，其中市级专业队伍8支。",
        "今年我们还与本地4家大型建筑企业签订了应急抢险协议，险情发生时可以就近调用挖掘机、运输车等大型机械。",
    ]),
    ("临渚晚报记者", ["很多市民关心怎么第一时间收到预警信息，遇到极端天气是否会停课停工？"]),
    ("施雅琴", [
        "我市实行预警信息“叫应”机制，气象部门发布暴雨红色预警后，30分钟内要通过手机短信全网发布，"
        "同时由基层责任人逐户“叫醒、叫应”。",
        "发布暴雨红色预警或者防汛Ⅰ级应急响应时，全市中小学、幼儿园停课，除保障城市运行的行业外，"
        "机关企事业单位可以弹性上班、停工停业，具体以市防汛抗旱指挥部发布的通知为准。",
    ]),
    ("临渚新闻网记者", ["山区群众居住分散，遇到山洪和地质灾害，人员转移怎么保障？"]),
    ("施雅琴", [
        "目前全市共划定山洪灾害危险区89处，涉及群众1.2万人。每个危险区都明确了转移路线、安置地点和转移责任人，"
        "并在汛前组织一次转移演练。转移安置期间，每人每天发放生活补助50元。",
    ]),
    ("卢海平", [
        "我再补充一点。水利部门在山区布设了山洪灾害自动监测站236个，雨量达到预警阈值时，"
        "系统会自动向村级责任人发送预警信息，做到“雨情一来、预警就到”。",
    ]),
    ("记者", ["除了防汛，农村群众的饮水安全今年有什么新进展？"]),
    ("卢海平", [
        "今年我们继续推进城乡供水一体化，计划投资9.6亿元，新建和改造供水管网860公里。"
        "到年底，全市农村自来水普及率将由85%提升到92%，农村群众可以和城区居民一样喝上同源、同网、同质、同价的自来水。",
    ]),
    ("临渚日报记者", ["今年汛期气候形势怎么样？市民出行和家里应该做哪些准备？"]),
    ("施雅琴", [
        "据气象部门预测，今年我市汛期降水总体偏多一到二成，出现区域性暴雨和台风影响的可能性较大，"
        "防汛形势不容乐观。应急管理部门已经修订完善了《临渚市防汛应急预案》，将应急响应由原来的四级细化为"
        "“四级加提级”，并在全市开展了防汛应急演练136场。",
        "在这里提醒市民朋友：暴雨期间尽量减少外出，不要在桥涵、隧道等低洼地带行车；家住一楼和地下室的居民，"
        "提前准备好挡水板和沙袋；遇到险情，请第一时间拨打119或者110求助。",
    ]),
    ("主持人", ["谢谢各位发布人，谢谢各位记者朋友。今天的新闻发布会到此结束。"]),
]

NOTE = "注：本文为虚构示例，人物、机构和数据均为虚构，仅供测试。"


def build() -> bytes:
    doc = Document()
    normal = doc.styles["Normal"]
    normal.font.name = "SimSun"
    normal.font.size = Pt(12)

    doc.add_heading(TITLE, level=1)
    for line in HEADER:
        doc.add_paragraph(line)
    doc.add_paragraph("")

    for speaker, paragraphs in TRANSCRIPT:
        label = doc.add_paragraph()
        run = label.add_run(speaker)
        run.bold = True
        for text in paragraphs:
            p = doc.add_paragraph()
            if isinstance(text, tuple):
                first = p.add_run(text[0])
                first.add_break(WD_BREAK.LINE)
                p.add_run(text[1])
            else:
                p.add_run(text)

    doc.add_paragraph("")
    note = doc.add_paragraph()
    note_run = note.add_run(NOTE)
    note_run.italic = True
    note_run.font.size = Pt(9)
    doc.add_paragraph("（来源：临渚市人民政府新闻办公室　2024-04-25）")

    buf = io.BytesIO()
    doc.save(buf)
    return buf.getvalue()


if __name__ == "__main__":
    OUT.parent.mkdir(parents=True, exist_ok=True)
    OUT.write_bytes(build())
    print(f"wrote {OUT} ({OUT.stat().st_size} bytes)")
