"""Builds tests/fixtures/layouts24/tianxiu-market-qa-export.docx: a FICTIONAL 答记者问 of 湉岫市市场监督管理局 as the
city portal's content management system EXPORTS an article to Word ("导出Word"), and as the staff hand it in.

Layout exercised: the exporter does not write Word paragraphs. word/document.xml holds NO TEXT AT ALL: its body is one
<w:altChunk r:id="htmlChunk1"/> (an "alternative format import part") and the section properties. The article is an
HTML page stored INSIDE the package, word/afchunk1.htm (relationship type …/aFChunk, content type text/html, UTF-8
declared by <meta charset>): Word imports it when it opens the file, and what a reader sees and prints is that page:
the exporter's banner line ("湉岫市人民政府门户网站　信息导出"), the article's meta table (索引号, 发布机构, 发布日期,
来源), the title "湉岫市市场监督管理局有关负责人就《湉岫市餐饮服务“明厨亮灶”管理规定》答记者问", a lead, the fiction
note, four Q&A in <p>s opening with <strong>问：</strong> / <strong>答：</strong> (answers 2 and 4 run over two <p>s,
the second unlabelled; answer 3 holds a <ul> of three items), an 附件 line, and the exporter's closing line with the
export time and the article's URL. Nobody is named: the title's 有关负责人 of the bureau answers. Document
information: creator "wcm", application "TRS WCM 文档导出 8.0".

    python tests/fixture_builders/tianxiu_market_qa_export.py

Only the standard library is needed (the package is written part by part). The bytes are reproducible (fixed zip
timestamps and a fixed part order).
"""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

OUT = Path(__file__).resolve().parents[1] / "fixtures" / "layouts24" / "tianxiu-market-qa-export.docx"
STAMP = (2025, 6, 17, 10, 42, 8)

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
R_NS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
CONTENT_TYPES = """<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">
<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>
<Default Extension="xml" ContentType="application/xml"/>
<Default Extension="htm" ContentType="text/html"/>
<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>
<Override PartName="/docProps/core.xml" ContentType="application/vnd.openxmlformats-package.core-properties+xml"/>
<Override PartName="/docProps/app.xml" ContentType="application/vnd.openxmlformats-officedocument.extended-properties+xml"/>
</Types>"""
ROOT_RELS = """<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">
<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/>
<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties" Target="docProps/core.xml"/>
<Relationship Id="rId3" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/extended-properties" Target="docProps/app.xml"/>
</Relationships>"""
DOCUMENT = f"""<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:document xmlns:w="{W_NS}" xmlns:r="{R_NS}"><w:body><w:altChunk r:id="htmlChunk1"/><w:sectPr><w:pgSz w:w="11906" w:h="16838"/><w:pgMar w:top="1440" w:right="1800" w:bottom="1440" w:left="1800" w:header="851" w:footer="992" w:gutter="0"/></w:sectPr></w:body></w:document>"""
DOCUMENT_RELS = """<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">
<Relationship Id="htmlChunk1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/aFChunk" Target="afchunk1.htm"/>
</Relationships>"""
CORE = """<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"><dc:title>湉岫市市场监督管理局有关负责人就《湉岫市餐饮服务“明厨亮灶”管理规定》答记者问</dc:title><dc:creator>wcm</dc:creator><dcterms:created xsi:type="dcterms:W3CDTF">2025-06-17T10:42:08Z</dcterms:created><dcterms:modified xsi:type="dcterms:W3CDTF">2025-06-17T10:42:08Z</dcterms:modified></cp:coreProperties>"""
APP = """<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties"><Application>TRS WCM 文档导出 8.0</Application></Properties>"""

CHUNK = """<!DOCTYPE html>
<html>
<head>
<meta charset="utf-8">
<title>湉岫市市场监督管理局有关负责人就《湉岫市餐饮服务“明厨亮灶”管理规定》答记者问</title>
<style>
body{font-family:"仿宋_GB2312","FangSong",serif;font-size:16pt;line-height:28pt}
h1{font-family:"方正小标宋简体","SimSun",serif;font-size:20pt;text-align:center;font-weight:normal}
.banner{font-family:"黑体";font-size:10.5pt;color:#888888;border-bottom:1px solid #888888}
table.meta{font-size:10.5pt;border-collapse:collapse;width:100%}
table.meta td{border:1px solid #cccccc;padding:2pt 4pt}
p{text-indent:2em;margin:0}
.export{font-size:9pt;color:#888888;text-indent:0}
</style>
</head>
<body>
<p class="banner">湉岫市人民政府门户网站　信息导出</p>
<table class="meta">
<tr><td>索引号：</td><td>11000123MB1A07652X/2025-01186</td><td>主题分类：</td><td>市场监管、安全生产监管</td></tr>
<tr><td>发布机构：</td><td>湉岫市市场监督管理局</td><td>发布日期：</td><td>2025-06-16</td></tr>
<tr><td>文号：</td><td>无</td><td>来源：</td><td>市市场监督管理局</td></tr>
</table>
<h1>湉岫市市场监督管理局有关负责人就《湉岫市餐饮服务“明厨亮灶”管理规定》答记者问</h1>
<p>近日，市市场监督管理局印发《湉岫市餐饮服务“明厨亮灶”管理规定》（以下简称《规定》），自2025年7月1日起施行。《规定》出台的背景是什么？哪些餐馆要“亮”后厨？记者就此采访了市市场监督管理局有关负责人。</p>
<p>（本文为虚构示例，城市、机构、数据、网址和电话均为虚构，仅供软件测试使用。）</p>
<p><strong>问：</strong>为什么要出台《规定》？</p>
<p><strong>答：</strong>“明厨亮灶”就是让后厨操作过程看得见、管得住。我市从2019年开始推行，目前全市2.6万家持证餐饮服务单位中，已有1.58万家实现“明厨亮灶”，覆盖率60.8%。但在推进中也发现，一些餐馆摄像头装了不开、只拍大堂不拍后厨，网上也看不到。为此我们在总结经验的基础上制定了《规定》，把建设标准、公开方式和各方责任固定下来。</p>
<p><strong>问：</strong>哪些餐饮单位必须实施“明厨亮灶”？</p>
<p><strong>答：</strong>《规定》明确，学校（含托幼机构）食堂、养老机构食堂、医疗机构食堂、中央厨房、集体用餐配送单位和网络订餐平台入网的餐饮服务单位，必须实施“明厨亮灶”；经营面积500平方米以上的大型餐馆，2025年12月31日前完成。</p>
<p>其他小餐馆、小吃店鼓励自愿实施。对自愿实施并接入市级“阳光餐饮”平台的小微餐饮单位，市、区两级按每户不超过3000元给予设备补助，今年安排补助资金800万元。</p>
<p><strong>问：</strong>“明厨亮灶”具体要“亮”什么？消费者怎么看？</p>
<p><strong>答：</strong>主要“亮”三个区域：</p>
<ul>
<li>加工制作区，重点是切配、烹饪和餐用具清洗消毒；</li>
<li>专间，包括凉菜间、裱花间、备餐间等；</li>
<li>食品原料贮存区，重点是冷藏冷冻设施。</li>
</ul>
<p>消费者可以在店内的显示屏上看，也可以扫店门口张贴的“阳光餐饮”二维码，或者在“湉岫市场监管”微信小程序上查看后厨实时画面，营业时间内视频在线率不得低于95%。</p>
<p><strong>问：</strong>对不落实“明厨亮灶”要求的餐饮单位，怎么处理？</p>
<p><strong>答：</strong>我们将把“明厨亮灶”落实情况纳入食品安全信用监管，实行“红黄绿”分级。对视频长期离线、遮挡摄像头的，责令限期改正；逾期不改的，降低食品安全信用等级，增加检查频次，并在“阳光餐饮”平台公示。</p>
<p>同时，我们鼓励市民参与监督。市民在观看后厨画面时发现老鼠、生熟混放等问题，可以通过小程序一键举报，也可以拨打12315投诉举报热线，经查证属实的，按规定给予举报人奖励，最高1万元。</p>
<p>附件：<a href="http://scjgj.tianxiu.example/attach/20250616/mcld.pdf">湉岫市餐饮服务“明厨亮灶”管理规定.pdf</a></p>
<p class="export">导出时间：2025-06-17 10:42:08　　原文地址：http://www.tianxiu.example/zwgk/scjg/202506/t20250616_1186.html</p>
</body>
</html>
"""


def build() -> bytes:
    parts = [
        ("[Content_Types].xml", CONTENT_TYPES),
        ("_rels/.rels", ROOT_RELS),
        ("docProps/core.xml", CORE),
        ("docProps/app.xml", APP),
        ("word/document.xml", DOCUMENT),
        ("word/_rels/document.xml.rels", DOCUMENT_RELS),
        ("word/afchunk1.htm", CHUNK),
    ]
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
        for name, text in parts:
            info = zipfile.ZipInfo(name, date_time=STAMP)
            info.compress_type = zipfile.ZIP_DEFLATED
            z.writestr(info, text.encode("utf-8"))
    return out.getvalue()


if __name__ == "__main__":
    OUT.parent.mkdir(parents=True, exist_ok=True)
    OUT.write_bytes(build())
    print(f"wrote {OUT} ({OUT.stat().st_size} bytes)")
