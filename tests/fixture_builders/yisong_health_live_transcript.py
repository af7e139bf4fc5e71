"""Builds tests/fixtures/layouts23/yisong-health-live-transcript.docx: a FICTIONAL 直播访谈 of 漪崧市卫生健康委员会 on
its 视频号 "健康漪崧", as the staff keep it: the recording run through a SPEECH-TO-TEXT service ("云听记 智能转写") and
exported to Word, the speakers left as the service's DIARIZATION labels.

Layout exercised:
- the export's head: the recording's title, 录制时间/时长/来源/转写 lines, a 发言人 line that lists only the labels
  "发言人1、发言人2、发言人3、发言人4", the fiction note;
- the service's own sections before the transcript, written BY THE SERVICE, not spoken: "智能摘要" (an AI summary
  in the third person, "嘉宾介绍了……"), "关键词", and "章节速览" (chapter times and AI chapter titles, four of which
  END IN "？": titles, not questions);
- "文字记录": every segment is a paragraph "发言人N　HH:MM:SS" (label bold, time grey) followed by the segment's words
  in the next paragraph. NO NAME is ever attached to a label: who 发言人1-3 are is known only from what they say —
  the host 发言人1 introduces herself and both guests with unit and title ("我是主持人苏沐晴。今天我们请到了漪崧市
  卫生健康委员会党组书记、主任邵景川，还有市卫生健康委员会基层卫生健康科科长汤晓芃"), then 发言人2 says "我是邵景川"
  and 发言人3 "我是汤晓芃". 发言人4 is a netizen put through on a live call (连麦), never named;
- one answer split by the service into TWO consecutive segments of the same label (发言人2 at 00:00:58 and 00:02:12):
  one answer; fillers ("嗯，好的。", "就是呢") kept as the service wrote them;
- the host relays a comment ("有网友“崧山脚下”在评论区留言问：……"); the live caller opens with a greeting; one question
  is answered by 发言人3 then 发言人2 ("我补充一点。"); the host's closing request ("最后请邵主任谈谈，……？").

    /work/main/.venv/bin/python tests/fixture_builders/yisong_health_live_transcript.py

Only python-docx is needed (a project dependency). The bytes are reproducible (fixed zip timestamps and core
properties).
"""

from __future__ import annotations

import datetime as dt
import io
from pathlib import Path

from docx import Document
from docx.shared import Pt, RGBColor

from docx_parts import set_east_asian_font, stable_zip  # noqa: E402  (run as a script)

OUT = Path(__file__).resolve().parents[1] / "fixtures" / "layouts23" / "yisong-health-live-transcript.docx"

TITLE = "健康漪崧·主任访谈 第12期 直播回放"
HEAD = [
    "录制时间：2025年6月18日 15:00:02　　时长：13分41秒",
    "来源：“健康漪崧”视频号直播　　转写：云听记 智能转写（自动生成，未经人工逐字校对）",
    "发言人：发言人1、发言人2、发言人3、发言人4",
    "（本转写稿为虚构示例，城市、机构、人物、数据和电话均为虚构，仅供软件测试使用。）",
]
SUMMARY = ("本期直播围绕家庭医生签约服务展开。嘉宾介绍了今年家庭医生签约服务包的调整情况和签约居民在基层就诊的报销"
           "优惠，连线网友解答了高龄老人上门服务和家庭病床的申请方式，并就下一步推进分级诊疗、提升基层服务能力作了介绍。")
KEYWORDS = "关键词：家庭医生　签约服务包　基层首诊　长处方　上门服务　家庭病床　分级诊疗"
CHAPTERS = [
    ("00:00:05", "开场：主持人介绍嘉宾"),
    ("00:00:49", "今年家庭医生签约服务有哪些新变化？"),
    ("00:04:30", "签了家庭医生，看病能少花钱吗？"),
    ("00:07:15", "连线网友：高龄老人能不能上门服务？"),
    ("00:10:40", "下一步如何让群众在家门口看好病？"),
    ("00:13:02", "结束语"),
]

# (label, time, words)
SEGMENTS: list[tuple[str, str, str]] = [
    ("发言人1", "00:00:05",
     "各位网友，大家下午好！欢迎收看“健康漪崧”视频号直播《主任访谈》，我是主持人苏沐晴。今天我们请到了漪崧市卫生"
     "健康委员会党组书记、主任邵景川，还有市卫生健康委员会基层卫生健康科科长汤晓芃，和大家聊一聊家庭医生签约服务。"
     "欢迎两位嘉宾！"),
    ("发言人2", "00:00:31",
     "主持人好，各位网友大家好！我是邵景川，很高兴来到直播间，和大家交流家庭医生签约服务的话题。"),
    ("发言人3", "00:00:44", "大家好，我是汤晓芃。"),
    ("发言人1", "00:00:49", "邵主任，今年我市家庭医生签约服务有哪些新变化？"),
    ("发言人2", "00:00:58",
     "嗯，好的。今年我们对家庭医生签约服务包做了一次比较大的调整。第一个是服务包从原来的3类增加到了6类，除了基础包，"
     "新增了老年人、慢性病、孕产妇、儿童和残疾人5个个性化服务包，居民可以根据自己的情况来选。第二个是签约以后的服务"
     "更实了，签约居民在签约的社区卫生服务中心就诊，可以优先预约市里三家三甲医院的专家号源，每家医院每周拿出不少于"
     "200个号源给基层。"),
    ("发言人2", "00:02:12",
     "第三个就是呢，我们把团队做强了。全市现在有家庭医生团队1126个，到今年年底，每个团队至少要有1名二级以上医院的"
     "医生参加。截至5月底，全市常住人口签约率已经达到41.3%，其中65岁以上老年人的签约率是78.6%。"),
    ("发言人1", "00:04:30",
     "有网友“崧山脚下”在评论区留言问：签约了家庭医生以后，看病能不能少花点钱？请汤科长给大家说说。"),
    ("发言人3", "00:04:52",
     "谢谢这位网友的提问。能少花钱，主要体现在三个方面。第一，签约居民在基层医疗卫生机构看门诊，医保报销比例比没签约"
     "的提高5个百分点，在社区卫生服务中心能报到75%。第二，签约的高血压、糖尿病患者，可以开最长12周的长处方，不用"
     "每个月来回跑。第三，基础服务包是免费的，个性化服务包的费用由医保基金和基本公共卫生服务经费分担，个人每年最多"
     "自付30元。"),
    ("发言人1", "00:07:15", "好，我们现在连线一位网友，看看他想问什么。喂，您好，能听到吗？"),
    ("发言人4", "00:07:22",
     "能听到，能听到。主持人好，邵主任好！我父亲今年78岁了，腿脚不方便，高血压好多年了，每个月去医院开药都很麻烦。"
     "像这种情况，家庭医生能不能上门来看？"),
    ("发言人3", "00:07:50",
     "可以的。对行动不便的高龄老人、失能半失能老人，家庭医生团队可以提供上门服务，包括上门随访、测血压血糖、换药、"
     "采血这些项目。申请的话，您可以打签约的社区卫生服务中心的电话，也可以在“漪崧健康”小程序上点“上门服务”预约，"
     "一般48小时内会有医生和您联系。上门服务费每次50元，其中医保基金支付一半。"),
    ("发言人2", "00:09:30",
     "我补充一点。今年我们在全市12个社区卫生服务中心试点家庭病床，像您父亲这样的情况，如果需要长期治疗和护理，也可以"
     "申请建家庭病床，医生定期上门查房，费用按住院标准报销，不设起付线。"),
    ("发言人4", "00:10:31", "好的好的，谢谢邵主任，谢谢汤科长！"),
    ("发言人1", "00:10:40",
     "最后请邵主任谈谈，下一步我市在推进分级诊疗、让群众在家门口看好病方面还有哪些打算？"),
    ("发言人2", "00:10:55",
     "下一步我们重点做好三件事。一是提升基层服务能力，到2026年底，每个街道、乡镇都要有一家达到国家“优质服务基层行”"
     "推荐标准的社区卫生服务中心或者乡镇卫生院。二是建好城市医疗集团，由市第一人民医院、市中医院、市妇幼保健院分别"
     "牵头组建3个城市医疗集团，专家定期下沉到社区坐诊。三是推进检查检验结果互认，全市已经有86项检查检验结果在二级"
     "以上医院之间互认，今年年底前要扩大到社区卫生服务中心，让群众少花钱、少跑腿。"),
    ("发言人1", "00:13:02",
     "好的，谢谢两位嘉宾。今天的直播就到这里，网友们还有其他问题，可以拨打漪崧市卫生健康委员会的咨询电话"
     "0123-5871 2620。我们下期再见！"),
    ("发言人2", "00:13:20", "谢谢大家，再见！"),
]

GREY = RGBColor(0x8A, 0x8F, 0x99)


def build() -> bytes:
    doc = Document()
    set_east_asian_font(doc.styles["Normal"], "微软雅黑", 10.5)
    for name in ("Title", "Heading 2"):
        set_east_asian_font(doc.styles[name], "微软雅黑", 18 if name == "Title" else 13)
    props = doc.core_properties
    props.author = props.last_modified_by = "云听记"
    props.title = TITLE
    props.subject = "智能转写导出"
    props.created = props.modified = dt.datetime(2025, 6, 18, 15, 32, 10)
    props.revision = 1

    doc.add_paragraph(TITLE, style="Title")
    for line in HEAD:
        p = doc.add_paragraph()
        run = p.add_run(line)
        run.font.size = Pt(9)
        run.font.color.rgb = GREY
    doc.add_paragraph("智能摘要", style="Heading 2")
    doc.add_paragraph(SUMMARY)
    doc.add_paragraph(KEYWORDS)
    doc.add_paragraph("章节速览", style="Heading 2")
    for time, title in CHAPTERS:
        p = doc.add_paragraph()
        stamp = p.add_run(time + "　")
        stamp.font.color.rgb = GREY
        p.add_run(title)
    doc.add_paragraph("文字记录", style="Heading 2")
    for label, time, words in SEGMENTS:
        head = doc.add_paragraph()
        who = head.add_run(label)
        who.bold = True
        stamp = head.add_run("　" + time)
        stamp.font.color.rgb = GREY
        stamp.font.size = Pt(9)
        doc.add_paragraph(words)
    tail = doc.add_paragraph()
    end = tail.add_run("—— 转写结束 · 由云听记生成 ——")
    end.font.size = Pt(9)
    end.font.color.rgb = GREY

    buf = io.BytesIO()
    doc.save(buf)
    return stable_zip(buf.getvalue(), (2025, 6, 18, 15, 32, 10))


if __name__ == "__main__":
    OUT.parent.mkdir(parents=True, exist_ok=True)
    OUT.write_bytes(build())
    print(f"wrote {OUT} ({OUT.stat().st_size} bytes)")
