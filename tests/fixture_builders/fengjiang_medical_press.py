"""Builds the FICTIONAL fixture tests/fixtures/layouts/fengjiang-medical-press.docx.

A 新闻发布会 transcript of 枫江市卫生健康委员会 (with 枫江市疾病预防控制中心), laid out the way .docx
attachments on government sites are: the title as Heading 1, the 时间/地点/发布人 header as a table, speaker
labels as bold runs at the start of paragraphs, sub-headings as bold-only paragraphs, and one answer with a soft
line break inside its paragraph. Everything in it (city, people, figures) is invented.

    python tests/fixture_builders/fengjiang_medical_press.py   # rewrites the .docx

Only the paragraph texts live here; do not edit the .docx by hand.
"""

from __future__ import annotations

import io
from datetime import datetime
from pathlib import Path

from docx import Document
from docx.shared import Pt

OUT = Path(__file__).resolve().parent.parent / "fixtures" / "layouts" / "fengjiang-medical-press.docx"

TITLE = "枫江市政府新闻办“健康枫江”系列新闻发布会（第三场）——推动优质医疗资源扩容下沉"

HEADER_ROWS = [
    ("时间", ["2024年9月12日（星期四）下午3:00"]),
    ("地点", ["枫江市政府新闻发布厅"]),
    ("发布人", [
        "枫江市卫生健康委员会党组书记、主任 许文博",
        "枫江市卫生健康委员会党组成员、副主任 莫婉清",
        "枫江市疾病预防控制中心党委书记、主任 钟立群",
    ]),
    ("主持人", ["枫江市人民政府新闻办公室新闻发布处处长 蒋珂"]),
]

# Each item: ("heading", text) -> bold-only paragraph;
#            ("turn", label, text or [line, line, ...]) -> bold label run, then normal text; a list is joined
#            with soft line breaks (run.add_break()) inside one paragraph;
#            ("para", text) -> a plain paragraph (an answer continued without a label);
#            ("note", text) -> a small italic paragraph.
BODY = [
    ("heading", "一、发布人介绍情况"),
    ("turn", "主持人：",
     "各位记者朋友，大家下午好！欢迎参加“健康枫江”系列新闻发布会第三场。今天的主题是推动优质医疗资源扩容下沉。"
     "出席今天发布会的有：市卫生健康委员会主任许文博先生，市卫生健康委员会副主任莫婉清女士，"
     "市疾病预防控制中心主任钟立群先生。首先，请许文博主任介绍有关情况。"),
    ("turn", "许文博：",
     "谢谢主持人，各位记者朋友，大家下午好！近年来，我市持续推动优质医疗资源扩容和区域均衡布局。"
     "目前全市共有各级各类医疗卫生机构2318个，编制床位2.46万张，每千常住人口执业（助理）医师3.41人。"
     "我们在6个县（市、区）全面建成紧密型县域医共体，在主城区组建了3个城市医疗集团，"
     "今年以来三级医院向基层派驻专家312名，常驻乡镇卫生院和社区卫生服务中心坐诊带教。"
     "上半年全市基层医疗卫生机构诊疗量占比提高到58.4%，比去年同期提高3.2个百分点，"
     "县域内就诊率达到91.6%，“大病不出县、小病在基层”的格局正在形成。"),
    ("turn", "主持人：", "谢谢许主任。下面请钟立群主任介绍秋冬季传染病防控工作。"),
    ("turn", "钟立群：",
     "大家好。进入秋冬季，流感等呼吸道传染病进入高发期。根据全市哨点医院监测，目前流感活动处于低流行水平。"
     "市疾控中心已在全市设立哨点医院16家，开展流感样病例和病原学监测，每周向社会发布监测信息。"
     "同时，我们在全市中小学校、托幼机构落实晨午检和因病缺勤追踪制度，一旦发现聚集性疫情，"
     "疾控人员2小时内到达现场处置。我们提醒广大市民，接种疫苗是预防流感最经济、最有效的手段。"),
    ("heading", "二、回答记者提问"),
    ("turn", "主持人：", "下面进入提问环节，请各位记者提问前先介绍所在媒体。"),
    ("turn", "枫江日报记者：", "很多居民对家庭医生还不太了解。请问签约家庭医生能享受哪些服务？现在签约情况怎么样？"),
    ("turn", "莫婉清：",
     "谢谢你的提问。家庭医生签约服务是居民健康的“守门人”。目前全市组建家庭医生团队1126个，"
     "常住人口签约率达到43.6%，老年人、高血压和糖尿病患者等重点人群签约率达到78.3%。"
     "签约居民可以免费享受基础服务包，包括健康评估、慢病随访、用药指导等；"
     "病情稳定的慢性病患者，家庭医生可以开具最长12周的长期处方，不用每个月往医院跑。"),
    ("para",
     "另外，签约居民需要到上级医院就诊的，家庭医生可以通过医共体转诊平台预约专家号源，"
     "三级医院拿出不少于30%的专家号源优先向基层签约居民开放。"),
    ("turn", "枫江广播电视台记者：", "孩子晚上发烧，家长常常在医院排队到半夜。儿科看病难的问题怎么解决？"),
    ("turn", "许文博：",
     "感谢记者朋友的关注。这也是我们一直在下功夫解决的问题。一是扩充儿科资源，全市二级以上公立综合医院"
     "儿科开设率已达到100%，今年新增儿科床位210张，每千名儿童儿科执业医师数提高到0.78人。"
     "二是延长服务时间，市儿童医院和9家县级医院的儿科门诊一律延长到晚上10点，"
     "市儿童医院开设24小时儿科急诊。三是推广互联网医院，孩子复诊、开药可以在“健康枫江”APP上在线问诊，"
     "上半年线上儿科问诊3.8万人次，大大减少了家长的排队时间。"),
    ("turn", "健康时报记者：", "今年的流感疫苗什么时候开始接种？哪些人可以免费打？"),
    ("turn", "钟立群：", [
        "谢谢您的提问。今年全市流感疫苗供应量约42万剂，比去年增加约三成。具体安排如下：",
        "接种时间：9月下旬起陆续开始，建议在10月底前完成接种，以便在流行季前获得保护；",
        "免费对象：60周岁以上的本市户籍老年人，以及在校中小学生，由财政全额保障，免费接种；",
        "接种地点：全市186个预防接种门诊，中小学生由学校统一组织集中接种，可通过“健康枫江”APP预约。",
    ]),
    ("turn", "枫江新闻网：", "不少人在不同医院看病，同一个检查要做好几遍。检查结果能不能互认？"),
    ("turn", "莫婉清：",
     "谢谢这位记者。推进检查检验结果互认，既减轻群众负担，也节约医疗资源。目前，全市86家二级以上医疗机构"
     "已实现162项检查检验结果互认，通过全市健康信息平台调阅，医生在接诊时就能看到患者近期在其他医院做过的检查。"
     "上半年全市累计互认检查检验结果41万项次，为患者节省费用约2900万元。"
     "需要说明的是，如果患者病情发生变化，医生根据诊疗需要重新检查的，会向患者说明理由。"),
    ("turn", "人民网记者：", "最近有市民担心登革热。我市登革热的情况怎么样，市民应该怎么防护？"),
    ("turn", "钟立群：",
     "感谢您的关注。今年以来，我市累计报告登革热病例9例，均为境外或外省输入病例，尚未发现本地感染病例。"
     "登革热主要通过伊蚊叮咬传播，防控的关键是清除蚊虫孳生地。我们联合爱卫部门开展了“清积水、灭蚊虫”"
     "爱国卫生专项行动，已清理各类积水容器12.6万处。市民从登革热流行地区回来后，如果出现发热、头痛、"
     "皮疹等症状，要及时就医，并主动告知旅行史。"),
    ("turn", "中国人口报记者：", "双职工家庭孩子小、老人带不动，我市在普惠托育方面有什么进展？"),
    ("turn", "莫婉清：",
     "谢谢你的提问。发展普惠托育服务，是减轻家庭养育负担的重要举措。目前全市共有托育机构268家，提供托位1.42万个，"
     "每千人口拥有3岁以下婴幼儿托位数达到3.6个。我们对普惠性托育机构按每个托位每月300元给予运营补贴，"
     "普惠托位收费比同类市场价格低三成左右。今年还新建了社区嵌入式托育点35个，并支持有条件的用人单位"
     "为职工提供福利性托育服务，目前已有12家企业和机关事业单位开办了托育园。"),
    ("turn", "枫江晚报记者：", "许主任，医共体建起来以后，乡镇卫生院能做的手术、能看的病多了吗？"),
    ("turn", "许文博：",
     "谢谢你的提问。变化是实实在在的。医共体实行人员、财务、药品“统一管理”，"
     "县级医院的专家定期到乡镇卫生院坐诊、带教，今年全市已有24家乡镇卫生院能够开展阑尾切除、疝修补等一、二级手术，"
     "47家乡镇卫生院建成了慢病管理中心。我们还为基层统一配备了数字化X光机、彩超等设备，"
     "拍片、做心电图可以由县医院远程出具诊断报告，远程诊断上半年达到16.2万例。"),
    ("turn", "主持人：", "今天的发布会到此结束。谢谢各位发布人，谢谢各位记者朋友！"),
    ("note", "注：本文为虚构示例，人物、机构和数据均为虚构，仅供测试。"),
]


def build() -> bytes:
    """Returns the .docx file's bytes."""
    doc = Document()
    normal = doc.styles["Normal"]
    normal.font.name = "宋体"
    normal.font.size = Pt(12)
    doc.core_properties.title = TITLE
    doc.core_properties.author = "枫江市人民政府新闻办公室"
    doc.core_properties.created = datetime(2024, 9, 12, 17, 40)
    doc.core_properties.modified = datetime(2024, 9, 12, 18, 5)

    doc.add_heading(TITLE, level=1)

    table = doc.add_table(rows=0, cols=2)
    table.style = "Table Grid"
    for key, lines in HEADER_ROWS:
        cells = table.add_row().cells
        cells[0].text = key
        cells[1].text = lines[0]
        for line in lines[1:]:
            cells[1].add_paragraph(line)

    doc.add_paragraph()  # the empty line most transcripts have under the header table

    for item in BODY:
        kind = item[0]
        if kind == "heading":
            p = doc.add_paragraph()
            p.add_run(item[1]).bold = True
        elif kind == "turn":
            _, label, text = item
            p = doc.add_paragraph()
            p.add_run(label).bold = True
            if isinstance(text, str):
                p.add_run(text)
            else:
                for i, line in enumerate(text):
                    run = p.add_run(line)
                    if i < len(text) - 1:
                        run.add_break()
        elif kind == "para":
            doc.add_paragraph(item[1])
        elif kind == "note":
            p = doc.add_paragraph()
            run = p.add_run(item[1])
            run.italic = True
            run.font.size = Pt(9)
        else:
            raise ValueError(kind)

    buf = io.BytesIO()
    doc.save(buf)
    return buf.getvalue()


if __name__ == "__main__":
    OUT.parent.mkdir(parents=True, exist_ok=True)
    OUT.write_bytes(build())
    print(OUT)
