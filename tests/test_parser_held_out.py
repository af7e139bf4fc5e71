"""What the later held-out batches of layouts and the review of earlier ones found, each as a general rule with a
small document of its own (the earlier sections are in tests/test_parser_bureaus.py)."""

from __future__ import annotations

from pathlib import Path

from index.parsing.parser import parse_file, parse_text
from index.parsing.people import PersonDesc, parse_person


# 18. Left alone at earlier stops, fixed now: a headline that asks, a name of three characters before 市…局, an
# editor's credit after an answer's last sentence
def test_a_headline_that_asks_is_the_title(tmp_path: Path) -> None:
    text = ("城中村改造，钱从哪里来？\n——访栖霞市住房和城乡建设局局长周明\n来源：栖霞日报 2026-03-02\n"
            "记者：今年城中村改造的资金怎么筹集？\n周明：今年我们通过专项债筹集资金12亿元。\n")
    assert parse_text(text, "a.txt").metadata.title == "城中村改造，钱从哪里来？"
    html = ('<html><head><meta charset="utf-8"><title>城中村改造，钱从哪里来？_栖霞日报</title></head><body>'
            "<h1>城中村改造，钱从哪里来？</h1><div>来源：栖霞日报 发布时间：2026-03-02</div>"
            "<p>记者：今年城中村改造的资金怎么筹集？</p><p>周明：今年我们通过专项债筹集资金12亿元。</p></body></html>")
    (tmp_path / "a.html").write_text(html, "utf-8")
    assert parse_file(tmp_path / "a.html").metadata.title == "城中村改造，钱从哪里来？"
    # a question after the intro is still no title
    later = "栖霞市住建局局长周明谈城中村改造\n本报记者 李青\n今年有哪些新变化？\n记者：资金怎么筹集？\n周明：专项债12亿元。\n"
    assert parse_text(later, "b.txt").metadata.title == "栖霞市住建局局长周明谈城中村改造"


def test_a_name_runs_on_to_the_city_units_marker() -> None:
    assert parse_person("周启航市人社局局长") == PersonDesc("周启航", "市人社局", "局长")
    assert parse_person("欧阳明华市医保局局长") == PersonDesc("欧阳明华", "市医保局", "局长")
    assert parse_person("周启市人社局局长") == PersonDesc("周启", "市人社局", "局长")
    assert parse_person("王磊溪宁市人社局局长") == PersonDesc("王磊", "溪宁市人社局", "局长")


def test_an_editors_credit_after_the_last_sentence_is_no_part_of_the_answer() -> None:
    text = "专访市人社局局长周明\n记者：就业补贴怎么申领？\n周明：可以在网上申领，欢迎咨询。（责任编辑：谭晓舟）\n"
    assert [p.text for p in parse_text(text, "a.txt").passages if p.kind == "answer"] == ["可以在网上申领，欢迎咨询。"]
    kept = "专访市人社局局长周明\n记者：补贴多少？\n周明：每人1000元（编辑部核实后公布细则）。\n"
    assert "（编辑部核实后公布细则）" in parse_text(kept, "b.txt").passages[-1].text


def test_a_weibo_time_line_with_a_full_width_colon_is_furniture() -> None:
    from index.parsing.metadata import is_boilerplate

    assert is_boilerplate("2024-4-18 15:03 来自 微访谈") and is_boilerplate("2024-4-18 15：03 来自 微访谈")
    assert not is_boilerplate("2024年4月18日 15：03，市卫健委来自基层的代表发言")


# 19. What the fourteenth batch of layouts (held out) found: a verb before 市 (会同市…), a 公众号's badges and account,
# a televised 问政's panel and commentator, an official document's 版头 and 文号, a table of header fields, a speaker's
# label after a sentence in the same paragraph, a range of hours
def test_an_everyday_word_before_shi_names_no_city() -> None:
    from index.parsing.orgs import find_city

    text = "市商务局会同市人社局开展培训。……\n汀澜市商务局　2026年3月18日"
    assert find_city("市商务局有关负责人答记者问", text) == "汀澜市"
    assert find_city("", "日照市海洋发展局会同市财政局……") == "日照市"  # a real city whose name is also a word


def test_a_wechat_articles_badges_bar_and_account(tmp_path: Path) -> None:
    html = ('<html><head><meta property="og:site_name" content="微信公众平台"><title>专访丨市医保局局长程雪芬：看病更省心'
            '</title></head><body><h1>专访丨市医保局局长程雪芬：看病更省心</h1><a id="js_name">汀澜医保</a>'
            "<section><span>Q1</span>&nbsp;<strong>今年居民医保待遇有哪些提高？</strong></section>"
            "<section><span>A1</span>&nbsp;财政补助提高到每人每年700元。</section>"
            "<section><span>Q2</span>&nbsp;<strong>异地就医还要来回跑吗？</strong></section>"
            "<section><span>A2</span>&nbsp;在手机上备案就能直接结算。</section></body></html>")
    (tmp_path / "wechat.html").write_text(html, "utf-8")
    interview = parse_file(tmp_path / "wechat.html")
    assert interview.metadata.bureau == "汀澜市医保局"
    assert [(t.question, t.answer) for t in interview.turns] == [
        ("今年居民医保待遇有哪些提高？", "财政补助提高到每人每年700元。"), ("异地就医还要来回跑吗？", "在手机上备案就能直接结算。")]


def test_a_televised_wenzheng_panel_film_and_commentator() -> None:
    text = ("《问政蕖阳》第18期\n播出：蕖阳广播电视台　2026年5月14日\n本期上场：蕖阳市城市管理局局长 石建军\n"
            "点评嘉宾：蕖阳大学教授 林知远\n现场评议员：市人大代表、市民代表共12人\n主持人：苏沐\n\n"
            "主持人：各位观众，晚上好！首先，我们来看一段短片。\n［暗访短片一：一处井盖破损一个多月无人修。］\n"
            "主持人：石局长，这处井盖为什么一个多月没人修？\n石建军：我们已经连夜修复，并建立了巡查机制。\n\n"
            "现场评议员 葛鸿：我想问石局长，背街小巷什么时候能改好？\n石建军：今年年底前全部完成。\n\n"
            "主持人：林教授，您怎么看？\n点评嘉宾 林知远：关键是把管理链条缩短。\n\n"
            "【现场满意度测评】满意 5 票　基本满意 6 票\n")
    interview = parse_text(text, "tv.txt")
    assert [(t.question, t.answerer) for t in interview.turns if t.question and t.answer] == [
        ("石局长，这处井盖为什么一个多月没人修？", "石建军"), ("我想问石局长，背街小巷什么时候能改好？", "石建军"),
        ("林教授，您怎么看？", "林知远")]
    assert interview.metadata.date == "2026-05-14"
    assert not any("满意" in p.text for p in interview.passages if p.kind == "answer")


def test_an_official_documents_red_head_and_number_are_no_title() -> None:
    text = ("蕖阳市教育局文件\n\n蕖教发〔2026〕21号\n\n关于《招生入学工作实施意见》的政策解读\n\n"
            "一、今年招生的总体安排是怎样的？\n\n坚持免试就近入学。政策咨询电话：0780-6625 1180（工作日8:30—12:00，\n"
            "14:30—17:30）\n\n二、随迁子女如何申请入学？\n\n以居住证为主要依据。\n")
    interview = parse_text(text, "policy.txt")
    assert interview.metadata.title == "关于《招生入学工作实施意见》的政策解读"
    assert [t.question for t in interview.turns] == ["今年招生的总体安排是怎样的？", "随迁子女如何申请入学？"]
    assert interview.metadata.bureau == "蕖阳市教育局"


def test_a_table_of_header_fields_and_a_label_after_a_sentence(tmp_path: Path) -> None:
    html = ("<html><body><h1>文旅消费季新闻发布会文字实录</h1><table><tr><th>时 间</th><td>2026年4月23日上午10:00</td></tr>"
            "<tr><th>发布人</th><td>汀澜市文化广电和旅游局局长　韦立群<br>汀澜市市场监督管理局副局长　乔敏</td></tr>"
            "<tr><th>主持人</th><td>市政府新闻办副主任　柯雨</td></tr></table>"
            "<p>主持人：下面请记者提问。</p>"
            "<p>汀澜日报记者：消费券怎么领？ 韦立群：通过小程序领取，每人限领一张。</p>"
            "<p>汀澜新闻网记者：价格监管有什么措施？　乔敏：节假日开展价格专项检查。</p></body></html>")
    (tmp_path / "press.html").write_text(html, "utf-8")
    interview = parse_file(tmp_path / "press.html")
    assert [(t.question, t.answerer, t.answer) for t in interview.turns if t.question and t.answer] == [
        ("消费券怎么领？", "韦立群", "通过小程序领取，每人限领一张。"), ("价格监管有什么措施？", "乔敏", "节假日开展价格专项检查。")]
    assert {(p.speaker, p.bureau) for p in interview.passages if p.kind == "answer"} == {
        ("韦立群", "汀澜市文化广电和旅游局"), ("乔敏", "汀澜市市场监督管理局")}


# 20. What the fifteenth batch of layouts (held out) found: officials answering in turn under headings that name them,
# deputies asking at a 代表问政, a CMS's Markdown with HTML left in it, 该局, a paper's page line and a district head of a
# Traditional text, a table of questions and answers, a netizen's cheer between a question and its answer
def test_officials_answering_in_turn_under_headings_that_name_them() -> None:
    text = ("回应民生关切\n\n岱汐日报讯 三位局长走上“部门通道”。\n\n市教育局局长 邵怀瑾：今年新增公办学位1.2万个\n\n"
            "记者：今年在扩充学位方面有哪些打算？\n\n“今年新建学校18所。”邵怀瑾说。\n\n邵怀瑾表示，还将推进集团化办学。\n\n"
            "市交通运输局局长 柯振邦：地铁2号线9月底前试运行\n\n第二位走上通道的是柯振邦。\n\n"
            "岱汐广播电视台记者：地铁2号线什么时候通车？\n\n“9月底前试运行。”柯振邦说。\n")
    interview = parse_text(text, "channel.txt")
    assert [(t.question, t.answerer) for t in interview.turns] == [
        ("今年在扩充学位方面有哪些打算？", "邵怀瑾"), ("地铁2号线什么时候通车？", "柯振邦")]
    answers = [p.text for p in interview.passages if p.kind == "answer"]
    assert any("集团化办学" in a for a in answers) and not any("第二位" in a or "试运行\n" in a for a in answers)
    assert {p.bureau for p in interview.passages if p.kind == "answer"} == {"岱汐市教育局", "岱汐市交通运输局"}


def test_a_photo_caption_is_no_headline() -> None:
    from index.parsing.metadata import TitleBlock, classify_title_line

    assert classify_title_line("1月14日，市交通运输局局长柯振邦在“部门通道”上回答记者提问。记者 周屿 摄", TitleBlock()) == "note"
    assert classify_title_line("让群众出行更顺畅", TitleBlock()) == "headline"


def test_deputies_ask_at_a_daibiao_wenzheng() -> None:
    from index.parsing.speakers import read_label

    for label in ("钟秀梅代表", "钟秀梅代表（追问）", "市人大代表 钟秀梅", "政协委员 王军"):
        assert read_label(label).side == "ask", label
    text = ("当前位置：首页 > 代表工作 > 代表问政\n【代表问政】老旧小区改造，怎样改到居民心坎上？\n"
            "市人大代表钟秀梅围绕老旧小区改造向市住房和城乡建设局局长谭立群现场提问。\n"
            "钟秀梅代表：加装电梯有没有补贴？\n谭立群：每部电梯补贴20万元。\n"
            "钟秀梅代表（追问）：低层住户不同意怎么办？\n谭立群：推行一楼一策，组织协商。\n苓川市人民代表大会常务委员会办公室\n")
    interview = parse_text(text, "renda.txt")
    assert [(t.question, t.answerer) for t in interview.turns] == [
        ("加装电梯有没有补贴？", "谭立群"), ("低层住户不同意怎么办？", "谭立群")]
    assert interview.metadata.bureau == "苓川市住房和城乡建设局"
    assert interview.metadata.title == "【代表问政】老旧小区改造，怎样改到居民心坎上？"


def test_a_cms_markdown_export_with_html_left_in_it(tmp_path: Path) -> None:
    text = ('---\ntitle: "农机补贴新方案出台"\nsource: "苓川市人民政府门户网站"\n---\n\n'
            "&nbsp;&nbsp;4月12日，苓川市农业农村局印发新方案。记者就此采访了该局有关负责人。<br/>\n\n"
            "**问：新方案补贴范围有哪些变化？**\n\n"
            '<span style="font-size:16px;">答：</span>新增了<span style="color:red">丘陵山区</span>小型机械。\n\n'
            "**问：&nbsp;多长时间能到账？**\n\n&nbsp;&nbsp;答：15个工作日内到账。\n")
    (tmp_path / "cms.md").write_text(text, "utf-8")
    interview = parse_file(tmp_path / "cms.md")
    assert [(t.question, t.answerer, t.answer) for t in interview.turns] == [
        ("新方案补贴范围有哪些变化？", "有关负责人", "新增了丘陵山区小型机械。"), ("多长时间能到账？", "有关负责人", "15个工作日内到账。")]
    assert interview.metadata.bureau == "苓川市农业农村局"
    assert not any("source" in w for w in interview.warnings)


def test_a_traditional_papers_page_line_and_a_district_head() -> None:
    from index.parsing.orgs import outlet_city

    assert parse_person("云岭区委副书记、区长冯晓岚") == PersonDesc("冯晓岚", "云岭区人民政府", "区委副书记、区长")
    assert outlet_city("苓川侨报") == "苓川市"
    text = ("苓川僑報　2024年10月18日　星期五　第A03版：僑鄉新聞\n\n雲嶺區：打造宜居宜業的「僑鄉客廳」\n"
            "——訪雲嶺區委副書記、區長馮曉嵐\n\n記者：馮區長，僑房修繕做了哪些工作？\n\n馮區長：今年安排修繕資金3200萬元。\n")
    interview = parse_text(text, "zh-hant.txt")
    assert interview.metadata.bureau == "苓川市云岭区人民政府" and interview.metadata.outlet == "苓川僑報"
    assert interview.metadata.title == "雲嶺區：打造宜居宜業的「僑鄉客廳」"
    assert {(p.speaker, p.role) for p in interview.passages if p.kind == "answer"} == {("馮曉嵐", "區委副書記、區長")}


def test_a_table_of_questions_and_answers() -> None:
    text = ("《低保审核确认办法》政策解读\n\n发布单位：岱汐市民政局\n\n问题\t解答\n\n"
            "《办法》出台的背景是什么？\t原办法已不能适应新形势。\n\n哪些家庭可以申请低保？\t人均月收入低于低保标准的家庭。\n")
    interview = parse_text(text, "table.txt")
    assert [(t.question, t.answer) for t in interview.turns] == [
        ("《办法》出台的背景是什么？", "原办法已不能适应新形势。"), ("哪些家庭可以申请低保？", "人均月收入低于低保标准的家庭。")]


def test_a_cheer_between_a_question_and_its_answer_and_stamps_without_a_space() -> None:
    text = ("主持人：祁局长，今年出台了哪些新政策？[14:02]\n网友留言 汐水小鱼：来了来了，前排支持！[14:02]\n"
            "祁曼青：今年出台了十二条措施。[14:04]\n网友留言 阿禾：失业保险金每月能领多少？[14:05]\n"
            "网友留言 海边的风：企业招用毕业生有补贴吗？[14:06]\n郁思远：每人1500元。[14:08]\n")
    interview = parse_text(text, "live.txt")
    answered = [(t.question, t.answerer, t.answer) for t in interview.turns if t.answer]
    assert answered == [("祁局长，今年出台了哪些新政策？", "祁曼青", "今年出台了十二条措施。"),
                        ("企业招用毕业生有补贴吗？", "郁思远", "每人1500元。")]


# 21. What the seventeenth batch of layouts (held out) found: two PDF columns under a full-width title and lead, the
# reporter after the question, a name and time with no colon, a question that opens with 网友们, the page's photos
# below the transcript, ◆/◇ marks, a CMS's export header, the source at the end, a 微博 long image's labels
def test_two_columns_under_a_full_width_title_and_lead() -> None:
    from index.parsing.pdf_layout import _gutter

    def row(top: float, x0: float, x1: float) -> list[dict]:
        return [{"x0": x, "x1": x + 10.0, "top": top, "text": "字"} for x in range(int(x0), int(x1) - 10, 11)]

    chars = [c for top in range(60, 60 + 6 * 14, 14) for c in row(top, 57, 538)]  # the title and a long lead
    for top in range(160, 160 + 25 * 14, 14):  # then two columns, their gutter between 287 and 307
        chars += row(top, 57, 287) + row(top, 307, 538)
    gutter = _gutter(chars, 595.0)
    assert gutter is not None and 287 <= gutter <= 307


def test_the_reporter_after_the_question_a_bare_name_and_time_and_photos_below() -> None:
    press = ("发布会实录\n\n主持人：下面进入提问环节。\n\n首批事项是怎么选出来的？（峤南日报记者）\n\n"
             "陈局长：我们开展了需求征集。\n\n新生儿落户最快多久？（峤南新闻网记者）\n\n陈局长：最快当天办结。\n")
    assert [(t.asker, t.question) for t in parse_text(press, "press.txt").turns] == [
        ("峤南日报记者", "首批事项是怎么选出来的？"), ("峤南新闻网记者", "新生儿落户最快多久？")]
    online = ("燃气安全在线访谈\n\n主持人10:00:03\n\n各位网友，大家好！\n\n严局长10:00:31\n\n大家好！\n\n主持人10:01:02\n\n"
              "有网友反映有人冒充安检员上门推销。网友们想知道，怎么辨别真假安检员？\n\n严局长10:01:40\n\n看工作证，打热线核实。\n\n"
              "图片直播\n\n严振华局长在访谈中回答网友提问\n")
    interview = parse_text(online, "online.txt")
    assert [(t.question, t.answerer, t.answer) for t in interview.turns if t.question and t.answer] == [
        ("有网友反映有人冒充安检员上门推销。网友们想知道，怎么辨别真假安检员？", "严局长", "看工作证，打热线核实。")]


def test_a_cms_export_with_symbol_marks_and_a_district_committee_member() -> None:
    text = ("【稿件导出】采编系统\n稿件标题：让便民生活圈圈出幸福感\n见报日期：2024-12-13\n版　　次：A06 区县新闻\n"
            "作　　者：谭一鸣\n稿件状态：已签发\n\n日前，记者专访了枫林区委常委、副区长沈砚秋。\n\n◆今年做了哪些工作？\n\n"
            "◇建成便民生活圈24个。\n\n◆明年还有哪些打算？\n\n◇完成剩下8个。\n\n（责任编辑：温可）\n")
    interview = parse_text(text, "export.txt")
    assert [(t.question, t.answerer, t.answer) for t in interview.turns] == [
        ("今年做了哪些工作？", "沈砚秋", "建成便民生活圈24个。"), ("明年还有哪些打算？", "沈砚秋", "完成剩下8个。")]
    assert interview.metadata.bureau == "枫林区人民政府" and interview.metadata.role == "区委常委、副区长"


def test_the_source_at_the_end_gives_the_bureau() -> None:
    text = ("养老保险缴费档次调整政策问答\n\n1. **这次调整后缴费档次是多少？**\n\n    调整为10个档次。\n\n"
            "2. **在哪里缴费？**\n\n    通过微信公众号缴费。\n\n（来源：澧川市人力资源和社会保障局）\n")
    interview = parse_text(text, "qa.md")
    assert interview.metadata.bureau == "澧川市人力资源和社会保障局"
    assert [t.question for t in interview.turns] == ["这次调整后缴费档次是多少？", "在哪里缴费？"]


def test_a_weibo_long_images_labels() -> None:
    text = ("峤南交通\n\n[长图]\n\n局长答网友问·第6期\n\n答问人：峤南市交通运输局党组书记、局长　骆秉钧\n\n01\n"
            "【网友@小橘子不加糖】骆局长您好！上班要倒两趟车，能不能开直达线？\n【局长答】9月起开通定制公交。\n\n02\n"
            "【网友@峤南小陈】电子站牌显示的到站时间不准，等了十几分钟还没来。\n【局长答】今年为1870辆公交更换定位设备。\n")
    interview = parse_text(text, "weibo.txt")
    assert [(t.question, t.answerer) for t in interview.turns] == [
        ("上班要倒两趟车，能不能开直达线？", "骆秉钧"), ("电子站牌显示的到站时间不准，等了十几分钟还没来。", "骆秉钧")]
    assert interview.metadata.bureau == "峤南市交通运输局"


# 22. What the sixteenth batch of layouts (held out) found: tracked changes and a text box in a .docx, an OCR text
# layer with a space between characters, a notice stamped on every page, a radio hotline with three bureaus, a 答网友问
# page that names asker and unit after the words, video subtitles
def _paragraph(xml: str):  # type: ignore[no-untyped-def]
    from lxml import etree

    namespaces = ('xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" '
                  'xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006"')
    return etree.fromstring(f"<w:p {namespaces}>{xml}</w:p>")


def test_a_docx_paragraph_reads_with_its_tracked_changes_accepted_and_its_text_box_apart() -> None:
    from index.parsing.documents import _final_text, _text_boxes

    p = _paragraph("<w:r><w:t>问：</w:t></w:r><w:del><w:r><w:delText>关于</w:delText></w:r></w:del>"
                   "<w:ins><w:r><w:t>《细则》对</w:t></w:r></w:ins><w:r><w:t>驾驶员有哪些规定？</w:t></w:r>")
    assert _final_text(p) == "问：《细则》对驾驶员有哪些规定？"
    boxed = _paragraph("<w:r><mc:AlternateContent><mc:Choice><w:txbxContent><w:p><w:r><w:t>访谈嘉宾：贺明远</w:t></w:r>"
                       "</w:p></w:txbxContent></mc:Choice><mc:Fallback><w:txbxContent><w:p><w:r><w:t>访谈嘉宾：贺明远</w:t>"
                       "</w:r></w:p></w:txbxContent></mc:Fallback></mc:AlternateContent></w:r><w:r><w:t>主持人：各位好！</w:t></w:r>")
    assert _final_text(boxed) == "主持人：各位好！"
    assert [_final_text(q) for box in _text_boxes(boxed) for q in box.iter(f"{{{boxed.nsmap['w']}}}p")] == [
        "访谈嘉宾：贺明远"]


def test_an_ocr_layers_spaces_between_characters_are_taken_out() -> None:
    from index.parsing.pdf_layout import _unspaced

    assert _unspaced("记 者 ： 今 年 城 乡 供 水 推 进 到 哪 一 步 了 ？") == "记者：今年城乡供水推进到哪一步了？"
    assert _unspaced("投 资 11.8 亿 元 ， 新 建 管 网 860 公 里") == "投资11.8亿元，新建管网860公里"
    assert _unspaced("主持人 林悦：各位网友好，今天的嘉宾是市水务局局长") == "主持人 林悦：各位网友好，今天的嘉宾是市水务局局长"


def test_a_notice_stamped_on_every_page_is_furniture() -> None:
    from index.parsing.pdf_layout import _Line, _running_lines

    def page(n: int) -> list[list[_Line]]:
        texts = ["【虚构示例】本刊内容均为虚构，仅供软件测试使用。", f"第 {n} 页 / 共 2 页", "菱塘水务2025年第2期专题访谈",
                 f"记者：第{n}个问题是什么？"]
        return [[_Line(t, 50, 500, 40 + 20 * i, 50 + 20 * i, 10) for i, t in enumerate(texts)]]

    furniture = _running_lines([page(1), page(2)])
    assert "【虚构示例】本刊内容均为虚构，仅供软件测试使用。" in furniture and "菱塘水务#年第#期专题访谈" in furniture
    assert not any(key.startswith("记者") for key in furniture)


def test_a_radio_hotline_with_three_bureaus() -> None:
    from index.parsing.courtesy import is_courtesy

    assert is_courtesy("预付卡的问题，请市场监管局的杜局长来回答。") and is_courtesy("这个问题请梁局长回答。")
    assert not is_courtesy("关于停车难的问题，请您谈谈。") and not is_courtesy("关于不动产登记费用减免的问题")
    text = ("《行风热线》节目文字实录\n本期上线单位及嘉宾：\n　　菱塘市市场监督管理局副局长　杜文涛\n　　菱塘市城市管理局局长　梁振华\n"
            "节目主持：林溪\n\n主持人：欢迎收听《行风热线》。\n听众 刘先生（热线）：健身房关门了，我的钱还能要回来吗？\n"
            "主持人：预付卡的问题，请市场监管局的杜局长来回答。\n市场监管局 杜局长：我们已责令退费。\n"
            "网友“塘边柳”（微信）：小区门口的摊点油烟很大，没人管。\n主持人：这个问题请城管局梁局长来回答。\n"
            "城管局 梁局长：我们今晚就去现场处置。\n听众 尾号3726（短信）：共享单车把盲道堵了，能不能清理？\n"
            "城管局 梁局长：三天内清理完毕。\n")
    interview = parse_text(text, "hotline.txt")
    assert [(t.question, t.answerer) for t in interview.turns] == [
        ("健身房关门了，我的钱还能要回来吗？", "杜文涛"), ("小区门口的摊点油烟很大，没人管。", "梁振华"),
        ("共享单车把盲道堵了，能不能清理？", "梁振华")]
    assert {(p.speaker, p.bureau) for p in interview.passages if p.kind == "answer"} == {
        ("杜文涛", "菱塘市市场监督管理局"), ("梁振华", "菱塘市城市管理局")}


def test_a_board_that_names_asker_and_unit_after_the_words() -> None:
    text = ("医保服务答网友问\n\n在外省看病能直接结算吗？\n\n网友：南渚听雨 留言时间：2025-04-28 10:21\n\n"
            "南渚听雨网友：您好！办理异地备案后可以直接结算。\n\n答复单位：渚阳市医疗保障局 答复时间：2025-04-30 16:30\n\n"
            "医保个人账户能给家人交医保吗？\n\n网友：夜航船 留言时间：2025-05-09 19:36\n\n办理状态：办理中。\n\n"
            "社区医院能配降压药吗？\n\n网友：老街坊 留言时间：2025-05-03 08:12\n\n老街坊网友：您好！已统一配备86种常用药。\n\n"
            "答复单位：渚阳市卫生健康委员会 答复时间：2025-05-08 15:20\n")
    interview = parse_text(text, "board.txt")
    assert [(t.question, t.answerer) for t in interview.turns if t.answer] == [
        ("在外省看病能直接结算吗？", "渚阳市医疗保障局"), ("社区医院能配降压药吗？", "渚阳市卫生健康委员会")]
    assert not any("办理中" in p.text or "答复单位" in p.text for p in interview.passages)


def test_video_subtitles_read_as_the_turns_they_say(tmp_path: Path) -> None:
    cues = ["00:00:00,000 --> 00:00:03,000\n{\\an1}韩立峰　渚阳市生态环境局党组书记、局长",
            "00:00:03,000 --> 00:00:05,000\n【主持人】韩局长，去年的空气质量",
            "00:00:05,000 --> 00:00:07,000\n在全省排第几？", "00:00:07,000 --> 00:00:09,000\n【韩局长】排第4位，",
            "00:00:09,000 --> 00:00:11,000\n优良天数比例87.4%。"]
    (tmp_path / "video.txt").write_text("\n\n".join(f"{i}\n{cue}" for i, cue in enumerate(cues, 1)) + "\n", "utf-8")
    interview = parse_file(tmp_path / "video.txt")
    assert [(t.question, t.answerer, t.answer) for t in interview.turns] == [
        ("韩局长，去年的空气质量在全省排第几？", "韩立峰", "排第4位，优良天数比例87.4%。")]
    assert {p.role for p in interview.passages if p.kind == "answer"} == {"党组书记、局长"}


# 23. What the nineteenth batch of layouts (held out) found: a staff member's Markdown with "## 问：" and a short
# bureau in its front matter, two answerers in brackets, names before a tab, a mailbox's units, a short video's captions
def test_a_hand_written_markdown_with_question_headings_and_a_short_bureau() -> None:
    text = ("---\nbureau: 市交通局\n---\n\n# 访市交通运输局副局长钱立峰\n\n沄州市“公交都市”创建进入第三年。\n\n"
            "## 问：创建进展怎么样？\n\n26项指标已经达标。\n\n## 问：高峰公交慢怎么解决？\n\n新建公交专用道46公里。\n\n"
            "---\n\n整理：局办公室 周敏　审核：钱立峰\n")
    interview = parse_text(text, "hand.md")
    assert [(t.question, t.answer) for t in interview.turns] == [
        ("创建进展怎么样？", "26项指标已经达标。"), ("高峰公交慢怎么解决？", "新建公交专用道46公里。")]
    assert interview.metadata.bureau == "沄州市交通运输局"


def test_two_answerers_in_brackets_named_in_the_lead() -> None:
    text = ("课后服务管理办法答记者问\n\n就此，记者采访了市教育局党组书记、局长李振声和市财政局教科文处处长王若岚。\n\n"
            "问：经费从哪里来？\n答（市财政局 王处长）：财政按每生每年200元补助。\n\n问：谁来上课？\n答（李局长）：以本校教师为主。\n"
            "（来源：槐溪市教育局）\n")
    interview = parse_text(text, "qa.txt")
    assert {(p.speaker, p.role, p.bureau) for p in interview.passages if p.kind == "answer"} == {
        ("王若岚", "教科文处处长", "槐溪市财政局"), ("李振声", "党组书记、局长", "槐溪市教育局")}


def test_names_before_a_tab_and_a_foreign_reporters_thanks() -> None:
    text = ("新闻发布会实录\n\n发布人：沄州市商务局副局长　贺子谦\n\n主持人  下面请记者提问。\n\n"
            "沄州日报记者  离境退税推行得怎么样？\n\n贺子谦\t今年6月起在重点商圈推行“即买即退”。\n\n"
            "《环太商业周刊》记者  Thank you. Is it still hard to pay with a foreign bank card?\n\n"
            "贺子谦\t重点商户已全部受理境外银行卡。\n")
    interview = parse_text(text, "press.txt")
    assert [(t.question, t.answerer) for t in interview.turns if t.question and t.answer] == [
        ("离境退税推行得怎么样？", "贺子谦"), ("Is it still hard to pay with a foreign bank card?", "贺子谦")]


def test_a_mailboxs_replies_by_a_district_and_a_bureaus_section() -> None:
    cells = ["来信内容：", "青石巷路面坑洼多年，什么时候能修？", "来 信 人：", "张**", "办理单位：", "柳塘区人民政府",
             "回复内容：", "青石巷已列入今年道路维修计划。", "来信内容：", "出租车不打表，能查处吗？", "办理单位：",
             "市交通运输局综合行政执法支队", "回复内容：", "已对该驾驶员处以罚款。", "（来源：槐溪市交通运输局）"]
    interview = parse_text("\n\n".join(cells) + "\n", "mailbox.txt")
    assert [(t.question, t.answerer) for t in interview.turns] == [
        ("青石巷路面坑洼多年，什么时候能修？", "槐溪市柳塘区人民政府"), ("出租车不打表，能查处吗？", "综合行政执法支队")]
    assert {p.bureau for p in interview.passages if p.kind == "answer"} == {"槐溪市柳塘区人民政府", "槐溪市交通运输局"}


def test_a_short_videos_captions(tmp_path: Path) -> None:
    text = ("槐溪医保 · 合集《局长说医保》文字稿\n合集简介：槐溪市医疗保障局党组书记、局长邱明远出镜，每集回答一个问题。\n\n"
            "━━━━━━━━━━\n▶ 第1集｜门诊能报多少？\n发布于 2024-09-03 18:00\n#局长说医保#\n\n"
            "00:00 【屏幕文字】局长说医保｜第1集\n00:02 【屏幕文字】网友问：退休人员门诊能报多少？\n"
            "00:08 大家好，我是邱明远。\n00:11 退休人员在基层报销80%，\n00:15 比去年提高了10个百分点。\n"
            "00:20 【屏幕文字】下集见！\n\n❤ 点赞 1.2万　💬 评论 856\n热门评论\n　老周：大医院能报多少？\n\n"
            "━━━━━━━━━━\n▶ 第2集｜异地就医要备案吗？\n\n00:00 【屏幕文字】网友问：去外省带孩子，看病要备案吗？\n"
            "00:06 需要先办异地就医备案，\n00:10 在手机上就能办。\n")
    (tmp_path / "clips.txt").write_text(text, "utf-8")
    interview = parse_file(tmp_path / "clips.txt")
    assert [(t.question, t.answerer, t.answer) for t in interview.turns] == [
        ("退休人员门诊能报多少？", "邱明远", "大家好，我是邱明远。退休人员在基层报销80%，比去年提高了10个百分点。"),
        ("去外省带孩子，看病要备案吗？", "邱明远", "需要先办异地就医备案，在手机上就能办。")]
    assert interview.metadata.bureau == "槐溪市医疗保障局"


# 24. What the eighteenth batch of layouts (held out) found: a bilingual page, a 网络问政 whose replies are headed by
# their unit, a ruled table across pages in a PDF, the unit named after each answer, a sidebar's guest box, the issuer
# on a cover
def test_a_bilingual_pages_english_paragraphs_are_its_translation() -> None:
    text = ("湄汀市商务局局长柯文澜：让外资企业办事不出园区\n\n"
            "问：柯局长，今年利用外资的情况怎么样？\n\nQ: Director-General Ke, how has foreign investment done this year?\n\n"
            "答：全市新设外商投资企业83家。\n\nA: Eighty-three new foreign-invested enterprises were established.\n\n"
            "问：签证方面有哪些便利措施？\n\nQ: What has been done to make visas easier for business travellers?\n\n"
            "答：开通了口岸签证绿色通道。\n\nA: A green channel for port visas has been opened for them.\n")
    interview = parse_text(text, "bilingual.txt")
    assert [(t.question, t.answer) for t in interview.turns] == [
        ("柯局长，今年利用外资的情况怎么样？", "全市新设外商投资企业83家。"), ("签证方面有哪些便利措施？", "开通了口岸签证绿色通道。")]


def test_replies_headed_by_their_unit() -> None:
    cells = ["问政专题｜既有住宅加装电梯", "本专题选登近期网友关于加装电梯的留言，以及相关单位的回复。",
             "[咨询]", "桂园小区加装电梯迟迟不开工？", "留言编号：LCWZ001", "留言人：桂园老住户", "办理状态：已办结",
             "我住在桂园小区7栋，加装电梯的事拖了半年，卡在哪儿了？", "回复单位：蓼川市青岚区人民政府", "区里已协调管线迁改，6月开工。",
             "回复时间：2025-04-28", "回复单位：蓼川市住房和城乡建设局", "加装电梯每台补贴20万元。", "回复时间：2025-04-30",
             "网友评价：满意", "[求助]", "一楼住户要补偿吗？", "留言编号：LCWZ002", "办理状态：已办结", "一楼两户提出要补偿，有标准吗？",
             "回复单位：蓼川市住房和城乡建设局", "一楼每户可补偿1万到3万元。", "回复时间：2025-05-12", "网友评价：满意",
             "热门留言", "滨河路夜间施工噪音扰民"]
    interview = parse_text("\n\n".join(cells) + "\n", "wenzheng.txt")
    assert [(t.question, t.answerer) for t in interview.turns] == [
        ("我住在桂园小区7栋，加装电梯的事拖了半年，卡在哪儿了？", "蓼川市青岚区人民政府"),
        ("我住在桂园小区7栋，加装电梯的事拖了半年，卡在哪儿了？", "蓼川市住房和城乡建设局"),
        ("一楼两户提出要补偿，有标准吗？", "蓼川市住房和城乡建设局")]
    assert not any("滨河路" in p.text for p in interview.passages)
    # a message's title is no passage of its own, the first one's neither (a search would quote it as an answer)
    assert not any("迟迟不开工" in p.text or "要补偿吗" in p.text for p in interview.passages)


def test_a_pdf_tables_rows_across_a_page_break() -> None:
    from index.parsing.pdf_layout import _Line, _paragraphs

    def row(text: str, top: float) -> _Line:
        return _Line(text, 56, 538, top, top + 20, 10, row=True)

    page1 = [row("问题\t解答", 220), row("背景是什么？\t法律援助法施行后作了新规定。", 250), row("哪些不受限制？\t例如农民工讨", 380)]
    page2 = [row("问题\t解答", 60), row("\t薪的，应当提供劳动合同。", 90), row("到哪里申请？\t向法律援助中心申请。", 140)]
    assert _paragraphs([page1, page2]) == ["问题\t解答", "背景是什么？\t法律援助法施行后作了新规定。",
                                           "哪些不受限制？\t例如农民工讨薪的，应当提供劳动合同。", "到哪里申请？\t向法律援助中心申请。"]


def test_the_unit_named_after_each_answer() -> None:
    text = ("12345热线5月热点问答\n\n来源：蓼川市12345政务服务便民热线运行中心\n\n【问题1】新房渗水开发商不修怎么办？\n\n"
            "【答复】最低保修期限为5年，可以向区住建部门投诉。（答复单位：市住建局）\n\n【问题2】灵活就业人员怎么交养老保险？\n\n"
            "【答复】登录“蓼川人社”公众号办理。\n\n缴费比例为20%。\n（答复单位：市人社局）\n\n【问题3】物业不肯撤场怎么办？\n\n"
            "【答复】可以请街道协调。（答复单位：市住建局）\n")
    interview = parse_text(text, "hot-qa.txt")
    assert [t.answerer for t in interview.turns] == ["蓼川市住建局", "蓼川市人社局", "蓼川市住建局"]
    assert interview.metadata.bureau == "蓼川市住建局"
    assert not any("答复单位" in p.text for p in interview.passages)


def test_a_sidebars_guest_box_is_read_after_the_transcript(tmp_path: Path) -> None:
    html = ('<html><body><div class="ft-side"><div class="jbjs"><div class="tit">嘉宾介绍</div>'
            "<dl><dt>范志鹏</dt><dd>湄汀市体育局党组书记、局长</dd><dd>1971年9月生，研究生学历。</dd></dl>"
            "<dl><dt>许若岚</dt><dd>湄汀体育学院运动人体科学系教授</dd><dd>医学博士。</dd></dl></div>"
            '<div class="wqft">往期访谈</div></div><div class="content"><h1>全民健身在线访谈</h1>'
            "<p>主持人：范局长，全市体育场地有多少？</p><p>嘉宾 范志鹏：全市共有体育场地1.86万个。</p>"
            "<p>主持人：许教授，膝盖疼能跑步吗？</p><p>嘉宾 许若岚：建议先从快走开始。</p></div></body></html>")
    (tmp_path / "online.html").write_text(html, "utf-8")
    interview = parse_file(tmp_path / "online.html")
    assert {(p.speaker, p.role, p.bureau) for p in interview.passages if p.kind == "answer"} == {
        ("范志鹏", "党组书记、局长", "湄汀市体育局"), ("许若岚", "湄汀体育学院运动人体科学系教授", "")}
    assert "往期访谈" not in interview.text


# 25. What the dev sets over the eighth to nineteenth batches found in the answers' text (each answer's last line read
# against where its sentence ends): a site's tags, a reply's rating and "相关信息", a post's number on its own line and a
# 公众号 page's chrome were quoted at the end of answers, and a diagonal watermark cut lines out of a PDF's
# (test_documents.py).
def test_tags_ratings_numbers_and_page_chrome_after_an_answer_are_no_part_of_it() -> None:
    text = ("峤南交通局答网友问\n\n"
            "01\n\n问：城东到高新区有没有直达公交？\n\n答：9月16日起开通通勤快线K12，票价2元。\n\n"
            "02\n\n问：夜里有没有公交？\n\n答：开通N1至N4四条夜班公交。\n\n评价\n\n满意\n\n"
            "上一页 [1](./ft-1.html) [2](./ft-2.html) [下一页](./ft-2.html)\n\n"
            "相关信息：局长信箱回复选登（2026年第4期）\n\n（责任编辑：葛书航 校对：宋彦）\n\n标签：交通 公交 专访\n\n"
            "微信扫一扫\n\n关注该公众号\n\n预览时标签不可点\n\n继续滑动看下一个\n\n峤南交通 向上滑动看下一个\n\n"
            "微信扫一扫可打开此内容，使用完整服务\n\n：，。视频小程序赞，轻点两下取消赞在看，轻点两下取消在看分享留言收藏听过\n\n"
            "点击下方「阅读原文」，查看更多交通资讯\n\n#公交线网 4个\n\n阅读原文 阅读 1.2万 点赞 168 在看 57\n")
    interview = parse_text(text, "weibo.txt")
    answers = [p.text for p in interview.passages if p.kind == "answer"]
    assert answers == ["9月16日起开通通勤快线K12，票价2元。", "开通N1至N4四条夜班公交。"]
    assert not any(mark in p.text for p in interview.passages for mark in ("满意", "标签", "扫一扫", "轻点", "相关信息"))


def test_a_list_of_letters_titles_above_them_is_no_passage() -> None:
    text = ("槐溪市交通运输局领导信箱\n\n来信选登（2024年5月）\n\n青石巷路面坑洼多年，什么时候能修？\n\n"
            "驾校收了钱不安排练车，能退费吗？\n\n问：我住在柳塘区青石巷，路面坑坑洼洼，什么时候能修？\n\n"
            "答：青石巷已列入今年的道路维修计划，9月底前完工。\n")
    interview = parse_text(text, "mailbox.txt")
    assert [p.text for p in interview.passages] == ["青石巷已列入今年的道路维修计划，9月底前完工。"]
    assert interview.turns[0].question == "我住在柳塘区青石巷，路面坑坑洼洼，什么时候能修？"


def test_a_markdown_heading_after_an_answer_heads_what_follows_not_the_answer() -> None:
    text = ("# 青榆区老旧小区改造新闻发布会\n\n**区长 何平：** 今年青榆区计划改造老旧小区41个，柳巷片区二期将在6月份开工。\n\n"
            "## 记者提问\n\n**记者：** 改造资金从哪里来？\n\n**何平：** 中央和省级补助资金1.2亿元，区财政配套8000万元。\n\n"
            "## 二、加装电梯\n\n### 加装电梯有补贴吗？\n\n**何平：** 每台补贴15万元。\n")
    interview = parse_text(text, "press.md")
    answers = [p.text for p in interview.passages if p.kind == "answer"]
    assert answers[:2] == ["今年青榆区计划改造老旧小区41个，柳巷片区二期将在6月份开工。", "中央和省级补助资金1.2亿元，区财政配套8000万元。"]


def test_attachments_site_footers_and_the_documents_signature_are_no_answer() -> None:
    text = ("泽湾市退役军人事务局负责人就《扶持办法》答记者问\n\n问：自主创业有哪些扶持？\n\n"
            "答：可以申请最高30万元的创业担保贷款。\n\n附件：泽湾市退役军人就业创业扶持办法\n\n泽湾市扶持办法申请表.docx\n\n"
            "主办：泽湾市人民政府办公室　承办：泽湾市大数据中心\n\n責任編輯：陳靜\n\n泽湾市退役军人事务局　泽湾市财政局\n\n2024年6月13日\n")
    interview = parse_text(text, "qa.txt")
    assert [p.text for p in interview.passages] == ["可以申请最高30万元的创业担保贷款。"]


def test_a_date_line_with_words_after_it_is_left_where_it_is() -> None:
    text = ("问：网约车在哪里上车？\n\n答：枢纽设置网约车专用上客区。\n\n临渚市交通运输局\n\n2024年7月8日\n\n"
            "说明：本办法自发布之日起施行。\n")
    interview = parse_text(text, "policy.txt")
    assert any("本办法自发布之日起施行" in p.text for p in interview.passages)


# 26. What the twentieth batch of layouts (held out) found: a FAQ in <details> with its items' numbers and a feedback
# widget, a unit that publishes a page no one speaks on named only in its info line, a .docx whose city is only in its
# page header, two pages of one interview saved as one file, "诉求N｜" and "回应｜" lines over a 政企面对面's words, and an
# app's question table exported as tab-separated rows.
def test_a_faq_in_details_published_by_a_unit_named_in_its_info_line(tmp_path: Path) -> None:
    items = "".join(f'<details><summary><span class="no">0{n}</span>{q}</summary><div><p>{a}</p>'
                    f'<div class="helpful">这条回答对您有帮助吗？<button>有用（212）</button><button>没用（6）</button></div>'
                    f'</div></details>' for n, (q, a) in enumerate([("租房提取每月能提多少？", "每人每月可提取1200元。"),
                                                                    ("多久能到账？", "线上申请实时到账。")], 1))
    html = ('<html><head><title>政策问答</title></head><body><div class="content"><h1>《提取管理办法》政策问答</h1>'
            '<p class="info">发布时间：2025-03-12 来源：箬溪市住房公积金管理中心 浏览次数：4127</p>'
            f'<p>我中心对缴存职工咨询较多的问题进行了梳理，以问答形式解读如下。</p>{items}</div></body></html>')
    (tmp_path / "faq.html").write_text(html, "utf-8")
    interview = parse_file(tmp_path / "faq.html")
    assert interview.metadata.bureau == "箬溪市住房公积金管理中心"
    assert [(t.question, t.answer) for t in interview.turns] == [("租房提取每月能提多少？", "每人每月可提取1200元。"),
                                                                 ("多久能到账？", "线上申请实时到账。")]


def test_a_docx_whose_city_is_only_in_its_page_header(tmp_path: Path) -> None:
    import docx

    document = docx.Document()
    document.sections[0].header.paragraphs[0].text = "箬溪市市场监督管理局\t\t政策解读"
    for line in ("市市场监督管理局有关负责人就《若干措施》答记者问", "为什么要出台《若干措施》？",
                 "去年全市共发生电动自行车火灾47起。", "购买时应该注意什么？", "认准CCC认证标志。"):
        document.add_paragraph(line)
    document.save(tmp_path / "qa.docx")
    assert parse_file(tmp_path / "qa.docx").metadata.bureau == "箬溪市市场监督管理局"


def test_two_pages_of_one_interview_saved_as_one_file(tmp_path: Path) -> None:
    page = ('<!DOCTYPE html><html><head><title>在线访谈_箬溪市人民政府</title></head><body><div class="nav">首页</div>'
            '<div class="content"><h1>市民政局局长做客在线访谈</h1>{}</div><div class="pager">上一页 1 2 下一页</div></body></html>')
    first = "<p>主持人：方局长，老年人最关心什么？</p><p>方承志：全市共建成街道综合养老服务中心</p>"
    second = "<p>42个，覆盖率达到100%。</p><p>网友“晚霞”：养老院要排队吗？</p><p>方承志：我们推行轮候制度。</p>"
    (tmp_path / "online.htm").write_text(page.format(first) + "\n" + page.format(second), "utf-8")
    interview = parse_file(tmp_path / "online.htm")
    assert [t.question for t in interview.turns] == ["方局长，老年人最关心什么？", "养老院要排队吗？"]
    assert "42个，覆盖率达到100%" in interview.turns[0].answer


def test_appeals_and_responses_headed_by_a_bar() -> None:
    text = ("# 蘅州市“政企面对面”恳谈会诉求回应实录\n\n### 诉求1｜蘅州精工机械有限公司 总经理 韩立新\n\n"
            "> 我们想更新两条生产线，希望政府在贴息方面给点支持\n\n**回应｜市发展和改革委员会副主任 陆嘉**\n\n"
            "设备更新贴息贷款是今年的重点政策，贴息1.5个百分点。\n\n**回应｜市地方金融管理局副局长 宋启明**\n\n"
            "我们组织了9家银行推出专项产品。\n")
    interview = parse_text(text, "forum.md")
    assert [(t.question, t.answerer) for t in interview.turns] == [
        ("我们想更新两条生产线，希望政府在贴息方面给点支持", "陆嘉"), ("我们想更新两条生产线，希望政府在贴息方面给点支持", "宋启明")]
    assert {(p.speaker, p.role, p.bureau) for p in interview.passages if p.kind == "answer"} == {
        ("陆嘉", "副主任", "蘅州市发展和改革委员会"), ("宋启明", "副局长", "蘅州市地方金融管理局")}


def test_an_apps_question_table_exported_as_tab_separated_rows(tmp_path: Path) -> None:
    header = "序号\t提问人\t问题标题\t问题内容\t答复单位\t答复时间\t答复内容\t状态\n"
    rows = ("1\t用户138\t末班车能延后吗\t地铁2号线末班车能不能延长到23点以后?\t蘅州市交通运输局\t2025-04-22\t"
            "自5月1日起末班车延长至23:15.\t已办结\n"
            "2\t用户186\t接送被抓拍\t学校门口能不能设临时停车区?\t蘅州市公安局交通警察支队\t2025-04-27\t"
            "\"已施划临时停车泊位12个.\n放学时段可停3分钟.\"\t已办结\n"
            "3\t用户177\t夜班车\t东站晚上有没有公交?\t\t\t\t办理中\n")
    (tmp_path / "export.txt").write_text("# 蘅好办APP 部门问答 数据导出\n" + header + rows, "utf-8")
    interview = parse_file(tmp_path / "export.txt")
    assert [(t.question, t.answerer) for t in interview.turns if t.answer] == [
        ("地铁2号线末班车能不能延长到23点以后?", "蘅州市交通运输局"), ("学校门口能不能设临时停车区?", "交通警察支队")]
    assert not any("东站" in p.text for p in interview.passages)  # a row still 办理中: no reply to quote
    assert interview.turns[1].answer == "已施划临时停车泊位12个.\n放学时段可停3分钟."
    assert interview.metadata.bureau == "蘅州市交通运输局"


def test_html_inside_a_script_does_not_cut_a_page(tmp_path: Path) -> None:
    html = ('<html><body><div class="content"><p>主持人：养老院要排队吗？</p><script>var w = "<html><body>x</body></html>";'
            '</script><p>方承志：我们推行轮候制度，失能老人优先。</p></div></body></html>')
    (tmp_path / "page.html").write_text(html, "utf-8")
    assert parse_file(tmp_path / "page.html").turns[0].answer == "我们推行轮候制度，失能老人优先。"


# 27. What the twenty-first batch of layouts (held out) found: a 政策解读 saved from Word as a web page (its issuer only on
# the byline under the title; its source lines wrapped inside words), a chatbot's knowledge base exported as field
# blocks (标准问, 相似问, 答复部门, 答案), slides saved as PDF (问 and 答 as badges), a .docx filled into content
# controls, a live page listing its posts newest first, and a single-page app whose transcript is only in its JSON state.
def test_a_page_no_one_speaks_on_issued_by_the_unit_on_its_byline(tmp_path: Path) -> None:
    html = ("<html><body><div class=WordSection1><p align=center>《葭汭市高校毕业生就业创业补贴实施办法》</p>"
            "<p align=center>政策解读</p><p align=center>葭汭市人力资源和社会保障局&nbsp;&nbsp;&nbsp; 2025年5月26日</p>"
            "<p>现将《办法》有关内容解读如下。</p><p>一、《办法》的适用对象是哪些人？</p>"
            "<p>《办法》适用于毕业2年内的高校毕业生，离校未就业的同样适\r\n用。</p>"
            "<p>二、补贴怎么申请？</p><p>通过“葭汭人社”APP在线申请。</p></div></body></html>")
    (tmp_path / "policy.htm").write_bytes(html.encode("gb18030"))
    interview = parse_file(tmp_path / "policy.htm")
    assert interview.metadata.bureau == "葭汭市人力资源和社会保障局"
    # a line break inside a Chinese word in the page's source is no space (CSS: a segment break between wide characters)
    assert interview.turns[0].answer == "《办法》适用于毕业2年内的高校毕业生，离校未就业的同样适用。"


def test_a_knowledge_base_export_of_field_blocks() -> None:
    entry = ("## 条目 KB-{n}\n\n- **标准问**：{q}\n- **相似问**：\n  - {similar}\n  - 另一种说法怎么弄\n"
             "- **所属分类**：医疗保障\n- **答复部门**：{unit}\n- **答案**：\n\n{a}\n\n"
             "- **状态**：已发布　**更新时间**：2025-05-12　**浏览**：2387\n\n---\n\n")
    text = ("# 葭汭市政务服务网智能客服知识库导出：医疗保障主题\n\n"
            + entry.format(n=1, q="个人账户的钱可以给家里人用吗？", similar="医保卡里的钱能给爸妈买药吗？",
                           unit="葭汭市医疗保障局", a="可以。参保职工可以绑定配偶、父母、子女。\n\n最多可以绑定6人。")
            + entry.format(n=2, q="城乡居民医保怎么缴费", similar="居民医保今年交多少钱？", unit="国家税务总局葭汭市税务局",
                           a="个人缴费标准为每人每年400元。")
            + "## 条目 KB-3\n\n- **标准问**：新生儿多久内参保？\n- **相似问**：\n  - 宝宝怎么上医保？\n"
              "- **答复部门**：葭汭市医疗保障局\n- **答案**：\n\n- **状态**：草稿（待审核）\n")
    interview = parse_text(text, "kb.md")
    assert [(t.question, t.answerer, t.answer) for t in interview.turns if t.answer] == [
        ("个人账户的钱可以给家里人用吗？", "葭汭市医疗保障局", "可以。参保职工可以绑定配偶、父母、子女。\n最多可以绑定6人。"),
        ("城乡居民医保怎么缴费", "国家税务总局葭汭市税务局", "个人缴费标准为每人每年400元。")]
    assert interview.metadata.bureau == "葭汭市医疗保障局"
    assert not any("爸妈" in p.text or "新生儿" in p.text for p in interview.passages)  # paraphrases, a draft: no turns


def test_slides_saved_as_pdf_with_badges_a_running_head_and_a_continued_question(tmp_path: Path) -> None:
    from tests.test_documents import pdf_of

    footer = (40, 40, "蓁淞市水利局")
    slides = [[(40, 780, "01 出台背景"), (86, 740, "全市已建成农村集中供水工程1268处，服务农村人口186.4万人，普及率达到"),
               (86, 716, "98.2%。"), footer],
              *([(40, 780, "03 热点问答"), (40, 740, question), (40, 716, first), *rest, footer] for question, first, rest in [
                  ("问 水价怎么定？以后会不会涨价？", "答 农村供水价格按照保本微利的原则核定，并向社会公示，全市平均价格为",
                   [(86, 692, "每立方米2.6元，不会因此上调。")]),
                  ("问 水价怎么定？以后会不会涨价？（续）", "答 确需调整水价的，必须依法举行听证。", []),
                  ("问 家里的自来水管坏了，找谁来修？", "答 入户水表之前的管网由供水单位负责维修。", [])])]
    (tmp_path / "slides.pdf").write_bytes(pdf_of(slides, size=20))
    interview = parse_file(tmp_path / "slides.pdf")
    assert [(t.question, t.answer) for t in interview.turns] == [
        ("水价怎么定？以后会不会涨价？", "农村供水价格按照保本微利的原则核定，并向社会公示，全市平均价格为每立方米2.6元，不会因此上调。\n"
                                         "确需调整水价的，必须依法举行听证。"),
        ("家里的自来水管坏了，找谁来修？", "入户水表之前的管网由供水单位负责维修。")]
    assert "普及率达到98.2%。" in interview.text  # a slide's wrapped line under its first, right of the slide's title
    assert not any("热点问答" in p.text for p in interview.passages)  # the running head of three slides in a row


def test_a_docx_filled_into_content_controls(tmp_path: Path) -> None:
    import docx
    from docx.oxml import parse_xml

    w = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'

    def block_control(text: str) -> object:  # an answer slot of the template, filled in
        return parse_xml(f'<w:sdt {w}><w:sdtPr><w:alias w:val="答复"/></w:sdtPr><w:sdtContent>'
                         f'<w:p><w:r><w:t>{text}</w:t></w:r></w:p></w:sdtContent></w:sdt>')

    def inline_control(text: str, placeholder: bool = False) -> object:
        shown = "<w:showingPlcHdr/>" if placeholder else ""
        return parse_xml(f'<w:sdt {w}><w:sdtPr>{shown}</w:sdtPr><w:sdtContent><w:r><w:t>{text}</w:t></w:r>'
                         f'</w:sdtContent></w:sdt>')

    document = docx.Document()
    document.add_paragraph("蓁淞市商务局有关负责人就《补贴细则》答记者问")
    body = document.element.body
    for question, answer in (("哪些车辆可以申请补贴？", "个人报废旧车的，补贴2万元。"), ("多长时间能到账？", "审核通过后15个工作日内到账。"),
                             ("单击或点击此处输入文字。", None)):
        paragraph = document.add_paragraph("问：")
        paragraph._p.append(inline_control(question, placeholder=answer is None))
        if answer:
            body.insert(body.index(paragraph._p) + 1, block_control(answer))
    body.insert(1, parse_xml(f'<w:sdt {w}><w:sdtPr><w:docPartObj><w:docPartGallery w:val="Table of Contents"/>'
                             f'</w:docPartObj></w:sdtPr><w:sdtContent><w:p><w:r><w:t>目录 哪些车辆可以申请补贴？</w:t></w:r>'
                             f'<w:r><w:tab/><w:t>1</w:t></w:r></w:p></w:sdtContent></w:sdt>'))
    document.save(tmp_path / "qa.docx")
    interview = parse_file(tmp_path / "qa.docx")
    assert [(t.question, t.answer) for t in interview.turns if t.answer] == [
        ("哪些车辆可以申请补贴？", "个人报废旧车的，补贴2万元。"), ("多长时间能到账？", "审核通过后15个工作日内到账。")]
    assert "单击" not in interview.text  # a slot never filled shows Word's placeholder: nobody's words
    assert "目录" not in interview.text  # Word's table of contents repeats the headings


def test_a_live_page_listing_its_posts_newest_first(tmp_path: Path) -> None:
    posts = [("10:00:12", "主持人：欢迎参加新闻发布会。首先请闵卫东局长介绍情况。"),
             ("10:09:40", "蓁淞日报记者：请问闵局长，乡镇到市区的公交票价会不会降？"),
             ("10:10:25", "闵卫东：从7月1日起，全市城乡公交统一实行里程阶梯票价，全程最高不超过5元。"),
             ("10:13:48", "蓁淞广播电视台记者：老城区停车难，今年有什么办法？"),
             ("10:14:30", "庞嘉：一是挖潜增位，新增泊位4600个；"),
             ("10:15:52", "三是智慧停车，道路停车首30分钟免费。")]
    feed = "".join(f'<div class="post"><p class="time">6月12日 {time}</p><p>{words}</p></div>' for time, words in reversed(posts))
    html = (f'<html><body><div class="content"><h1>蓁淞市城乡公交一体化新闻发布会</h1><p>发布人：蓁淞市交通运输局局长 闵卫东'
            f'</p><p>蓁淞市城市管理局副局长 庞嘉</p><div class="live">{feed}</div></div></body></html>')
    (tmp_path / "live.html").write_text(html, "utf-8")
    interview = parse_file(tmp_path / "live.html")
    assert [(t.question, t.answerer, t.answer) for t in interview.turns if t.question and t.answer] == [
        ("请问闵局长，乡镇到市区的公交票价会不会降？", "闵卫东", "从7月1日起，全市城乡公交统一实行里程阶梯票价，全程最高不超过5元。"),
        ("老城区停车难，今年有什么办法？", "庞嘉", "一是挖潜增位，新增泊位4600个；\n三是智慧停车，道路停车首30分钟免费。")]


def test_only_a_feed_whose_times_go_back_is_reversed() -> None:
    from index.parsing.live import oldest_first

    newest_first = ["标题", "10:05", "c", "10:03", "b", "10:02", "a1", "a2", "10:01", "x"]
    assert oldest_first(newest_first) == ["标题", "10:01", "x", "10:02", "a1", "a2", "10:03", "b", "10:05", "c"]
    in_order = ["10:01", "x", "10:02", "a", "10:03", "b", "10:05", "c"]
    assert oldest_first(in_order) == in_order
    assert oldest_first(["10:05", "c", "10:03", "b", "10:01", "a"]) == ["10:05", "c", "10:03", "b", "10:01", "a"]  # 3 times
    mixed = ["10:05", "c", "10:03", "b", "10:04", "a", "10:01", "d"]  # one goes forward: no newest-first feed
    assert oldest_first(mixed) == mixed


def test_a_single_page_app_whose_transcript_is_only_in_its_json_state(tmp_path: Path) -> None:
    import json

    state = {"nav": [{"name": "首页", "url": "/"}, {"name": "互动交流", "url": "/hdjl/"}, {"name": "在线访谈", "url": "/zxft/"}],
             "talk": {"subject": "暑期文旅消费季", "guestList": [
                 {"name": "柏素秋", "org": "葭汭市文化广电和旅游局", "position": "局长", "photo": "/g1.jpg"}],
                 "items": [{"time": "15:01:20", "role": "主持人", "html": "<p>柏局长，消费季什么时候开始？</p>"},
                           {"time": "15:02:03", "role": "柏素秋", "html": "<p>7月1日开始，为期两个月。</p><p>共推出活动120场。</p>"},
                           {"time": "15:05:10", "role": "", "html": '<p><img src="/a.jpg"></p>'},
                           {"time": "15:05:30", "role": "网友", "nickName": "汭水渔歌", "html": "<p>今年还发消费券吗？</p>"},
                           {"time": "15:06:12", "role": "柏素秋", "html": "<p>继续发放，总金额1500万元。</p>"}]}}
    escaped = json.dumps(state, ensure_ascii=False).replace("/", "\\u002F")  # as such pages write "/"
    html = ('<html><head><title>在线访谈</title></head><body><noscript>请启用JavaScript</noscript><div id="app"></div>'
            f'<script>window.__NUXT__={escaped};</script></body></html>')
    (tmp_path / "spa.html").write_text(html, "utf-8")
    interview = parse_file(tmp_path / "spa.html")
    assert [(t.question, t.answerer, t.answer) for t in interview.turns] == [
        ("柏局长，消费季什么时候开始？", "柏素秋", "7月1日开始，为期两个月。\n共推出活动120场。"),
        ("今年还发消费券吗？", "柏素秋", "继续发放，总金额1500万元。")]
    assert interview.metadata.bureau == "葭汭市文化广电和旅游局"
    assert interview.metadata.title == "暑期文旅消费季"


# 28. What the twenty-second batch of layouts (held out) found: a newspaper page whose 记者 label is fake bold (drawn
# twice), a 人大常委会 专题询问 (询问人, 追问, 应询人 with their unit in brackets), a meeting's minutes whose questions and
# replies are a Markdown pipe table (units answering as themselves, two in one cell, one reply only promised).
def test_fake_bold_drawn_twice_is_read_once(tmp_path: Path) -> None:
    from tests.test_documents import pdf_of

    lines = [(72, 740, "记者：今年公交线网优化的重点是什么？"), (72, 716, "邹伯勋：今年的重点是干线提速、支线加密。"),
             (72, 692, "记者：老年人坐公交有哪些优惠？"), (72, 668, "邹伯勋：65周岁以上老年人免费乘坐公交。")]
    doubled = [*lines, *((x + 0.3, y, text[:3]) for x, y, text in lines if text.startswith("记者"))]  # "记者：" again
    (tmp_path / "paper.pdf").write_bytes(pdf_of([doubled]))
    interview = parse_file(tmp_path / "paper.pdf")
    assert [t.question for t in interview.turns] == ["今年公交线网优化的重点是什么？", "老年人坐公交有哪些优惠？"]


def test_a_special_inquiry_of_a_peoples_congress() -> None:
    text = ("澴槎市人大常委会开展水污染防治工作专题询问实录\n\n应询人员：\n\n澴槎市生态环境局党组书记、局长　廖文博\n\n"
            "澴槎市水利局党组成员、副局长　苏芷若\n\n主持人（市人大常委会副主任 戴明远）：下面进行专题询问。\n\n"
            "询问人 冉建华（市人大常委会委员）：黑臭水体治理的进展怎么样？\n\n"
            "应询人 廖文博（市生态环境局局长）：全市23条黑臭水体已有19条完成治理。\n\n追问 冉建华：有什么长效措施？\n\n"
            "应询人 廖文博（市生态环境局局长）：落实河长制，每月至少巡河两次。\n\n"
            "询问人 宁晓棠（市人大常委会委员）：入河排污口整治完成了多少？\n\n"
            "应询人 苏芷若（市水利局副局长）：已经完成整治986个。\n")
    interview = parse_text(text, "inquiry.txt")
    assert [(t.question, t.answerer) for t in interview.turns] == [
        ("黑臭水体治理的进展怎么样？", "廖文博"), ("有什么长效措施？", "廖文博"), ("入河排污口整治完成了多少？", "苏芷若")]
    assert {(p.speaker, p.bureau) for p in interview.passages if p.kind == "answer"} == {
        ("廖文博", "澴槎市生态环境局"), ("苏芷若", "澴槎市水利局")}
    # the 应询人员 list is who answers: the first is the interviewee, and no line of it is the title
    assert (interview.metadata.interviewee, interview.metadata.role) == ("廖文博", "党组书记、局长")
    assert interview.metadata.title == "澴槎市人大常委会开展水污染防治工作专题询问实录"


def test_minutes_whose_questions_and_replies_are_a_markdown_table(tmp_path: Path) -> None:
    text = ("# 泠筠市政企座谈答疑纪要\n\n主办单位：泠筠市工业和信息化局\n\n"
            "| 序号 | 提问企业 | 企业诉求 | 答复单位 | 答复意见 |\n| --- | --- | --- | --- | --- |\n"
            "| 1 | 精密机械公司 | 设备更新补贴最多能补多少？ | 市工信局 | 按购置额的10%补助。<br />每年3月集中受理。 |\n"
            "| 2 | 智能装备公司 | 研发费用加计扣除能提前享受吗？ | 国家税务总局泠筠市税务局、市财政局 | "
            "**市税务局**：预缴申报时就可以享受。<br />**市财政局**：另按研发投入给予奖励。 |\n"
            "| 3 | 包装公司 | 能不能提高容积率？ | 市自然资源和规划局 | 会后书面答复。 |\n\n会后事项见附表。\n")
    (tmp_path / "minutes.md").write_text(text, "utf-8")
    interview = parse_file(tmp_path / "minutes.md")
    assert [(t.question, t.answerer, t.answer) for t in interview.turns if t.answer] == [
        ("设备更新补贴最多能补多少？", "泠筠市工业和信息化局", "按购置额的10%补助。\n每年3月集中受理。"),
        ("研发费用加计扣除能提前享受吗？", "国家税务总局泠筠市税务局", "预缴申报时就可以享受。"),
        ("研发费用加计扣除能提前享受吗？", "泠筠市财政局", "另按研发投入给予奖励。")]
    assert not any("会后书面答复" in p.text for p in interview.passages)  # a reply only promised is none


def test_an_online_interview_as_chat_bubbles_named_only_by_their_avatars(tmp_path: Path) -> None:
    def bubble(kind: str, avatar: str, words: str, nick: str = "") -> str:
        shown = f'<span class="nick">{nick}</span>' if nick else ""
        return (f'<li class="msg {kind}"><img class="avatar" src="/a.png" alt="{avatar}"><div class="bubble">{shown}'
                f'<p>{words}</p></div><time>10:01</time></li>')

    html = ('<html><body><div class="content"><h1>老旧小区改造在线访谈</h1><div class="guests"><h3>访谈嘉宾</h3>'
            '<div class="guest-card"><img src="/g.jpg" alt="钱文涛"><p>钱文涛</p><p>泠筠市住房和城乡建设局党组书记、局长</p></div>'
            '<div class="guest-card"><img src="/t.jpg" alt="陶芸"><p>陶芸</p><p>泠筠市住房和城乡建设局城市更新科科长</p></div>'
            '</div><ul class="chat">'
            + bubble("host", "主持人", "钱局长，今年老旧小区改造主要改哪些内容？")
            + bubble("guest", "钱文涛", "今年全市改造老旧小区126个，总投资5.2亿元。")
            + bubble("netizen", "", "想加装电梯，政府有补贴吗？", nick="筠溪小雨")
            + bubble("guest", "陶芸", "市、区两级财政每台补贴20万元。")
            + '</ul></div></body></html>')
    (tmp_path / "chat.html").write_text(html, "utf-8")
    interview = parse_file(tmp_path / "chat.html")
    assert [(t.question, t.answerer, t.answer) for t in interview.turns] == [
        ("钱局长，今年老旧小区改造主要改哪些内容？", "钱文涛", "今年全市改造老旧小区126个，总投资5.2亿元。"),
        ("想加装电梯，政府有补贴吗？", "陶芸", "市、区两级财政每台补贴20万元。")]
    assert not any("筠溪小雨" in p.text for p in interview.passages)  # the netizen's nickname names who asks


def test_a_section_named_without_its_unit_after_the_units_head() -> None:
    text = ("泠筠市住房和城乡建设局做客在线访谈\n\n主持人：今天我们邀请到了市住房和城乡建设局党组书记、局长钱文涛，城市更新科科长陶芸，"
            "和大家聊聊老旧小区改造。\n\n主持人：今年改哪些内容？\n\n钱文涛：今年全市改造老旧小区126个。\n\n"
            "网友“筠溪小雨”：加装电梯有补贴吗？\n\n陶芸：每台补贴20万元。\n")
    interview = parse_text(text, "chat.txt")
    assert {(p.speaker, p.role, p.bureau) for p in interview.passages if p.kind == "answer"} == {
        ("钱文涛", "党组书记、局长", "泠筠市住房和城乡建设局"), ("陶芸", "城市更新科科长", "泠筠市住房和城乡建设局")}


def test_a_group_chat_export_where_a_bureaus_staff_answer(tmp_path: Path) -> None:
    def message(nick: str, time: str, *lines: str) -> str:  # a PC client's export writes the day with slashes
        return f"{nick} 2025/3/2 {time}\n" + "\n".join(lines) + "\n\n"

    text = ("群聊：桐溪市公积金咨询群\n群公告：答疑专员：市住房公积金管理中心归集科科长 杜衡（群昵称“公积金中心-杜衡”）。\n\n"
            + message("公积金中心-杜衡", "09:00:02", "大家好，今天的答疑开始了。")
            + message("老李", "09:01:10", "租房提取一个月能取多少？")
            + message("小周", "09:02:30", "[表情]")
            + message("小周", "09:03:05", "公积金贷款最高能贷多少？")
            + message("小周", "09:03:40", "我和爱人都交了")
            + "“小周”撤回了一条消息\n\n"
            + message("公积金中心-杜衡", "09:05:00", "「小周：公积金贷款最高能贷多少？」", "- - - - - - - -",
                      "夫妻双方都缴存的，最高可贷80万元。")
            + message("公积金中心-杜衡", "09:05:30", "单方缴存的最高50万元。")
            + message("公积金中心-杜衡", "09:06:10", "@老李 每人每月最多提取1500元。")
            + message("老李", "09:06:40", "谢谢！")
            + message("阿强", "09:07:00", "异地贷款能办吗？"))
    (tmp_path / "chat.txt").write_text(text, "utf-8")
    interview = parse_file(tmp_path / "chat.txt")
    assert [(t.question, t.answerer, t.answer) for t in interview.turns if t.answer] == [
        ("租房提取一个月能取多少？", "杜衡", "每人每月最多提取1500元。"),
        ("公积金贷款最高能贷多少？\n我和爱人都交了", "杜衡", "夫妻双方都缴存的，最高可贷80万元。\n单方缴存的最高50万元。")]
    assert not any("异地贷款" in p.text or "撤回" in p.text for p in interview.passages)  # unanswered; the chat's own line


# 29. What the twenty-second batch's English press conference found: a city's English portal publishes the transcript
# in English only. Speakers are labelled by their names in pinyin, reporters by their outlets, the host is introduced
# as "Moderator"/"Host"; units are named in English and read as the Chinese units they translate; the city's Chinese
# name is on the portal's logo.
_ENGLISH_PAGE = """<html lang="en"><head><meta charset="utf-8"><title>Press conference on employment - Yuechuan</title>
<meta name="SiteName" content="Yuechuan, China"></head><body>
<div id="logo"><img src="/en/img/top.png" alt="樾川市人民政府 Yuechuan Municipal People's Government"></div>
<h1>Press conference on jobs for graduates</h1>
<p>Speakers:</p>
<p>He Jing, Director-General of Yuechuan Municipal Bureau of Human Resources and Social Security</p>
<p>Chen Haoran, Deputy Director of Yuechuan Municipal Health Commission</p>
<p>Host: Zhou Min, Deputy Director of the Information Office of Yuechuan Municipal People's Government</p>
<p>Zhou Min: Good afternoon. Today we have two guests. The floor is open.</p>
<p>Reuters: How many graduates will look for work in the city this summer?</p>
<p>He Jing: About 86,000 graduates will look for work here this summer. We will hold 120 job fairs by August.</p>
<p>Yuechuan Evening News: Can graduates who work in clinics get a housing subsidy?</p>
<p>Chen Haoran: Yes. Graduates who sign a contract of three years with a village clinic get 1,500 yuan a month.</p>
<p>He Jing: Let me add that they can also apply for the city's talent apartments.</p>
<p>Zhou Min: Thank you. This concludes the press conference.</p>
</body></html>"""


def test_an_english_transcript_is_read_with_its_speakers_and_their_chinese_units(tmp_path: Path) -> None:
    (tmp_path / "jobs-en.html").write_text(_ENGLISH_PAGE, encoding="utf-8")
    interview = parse_file(tmp_path / "jobs-en.html")
    assert interview.metadata.bureau == "樾川市人力资源和社会保障局"
    assert [(t.question, t.answerer) for t in interview.turns] == [
        ("How many graduates will look for work in the city this summer?", "He Jing"),
        ("Can graduates who work in clinics get a housing subsidy?", "Chen Haoran"),
        ("Can graduates who work in clinics get a housing subsidy?", "He Jing")]
    answers = [p for p in interview.passages if p.kind == "answer"]
    assert {(p.speaker, p.role, p.bureau) for p in answers} == {
        ("He Jing", "Director-General", "樾川市人力资源和社会保障局"),
        ("Chen Haoran", "Deputy Director", "樾川市卫生健康委员会")}
    assert not any("Zhou Min" in (p.speaker or "") or "floor is open" in p.text for p in answers)


def test_an_english_transcript_without_its_chinese_name_keeps_the_unit_and_asks_for_the_city() -> None:
    text = ("Press conference on the consumption season\n\nSpeakers\n\n"
            "Lu Qingyuan, Director-General of Huancha Municipal Bureau of Commerce\n\n"
            "Moderator: Xu Wanning, Spokesperson of the Information Office\n\n"
            "Xu Wanning: Welcome, friends from the press.\n\n"
            "Xinhua: How many tax refund stores are there now?\n\n"
            "Lu Qingyuan: There are 158 departure tax refund stores, up from 62 last year.\n")
    interview = parse_text(text, "refunds-en.txt")
    assert interview.metadata.bureau == "市商务局"  # the unit read, its city unknown: never another city's
    assert any("city" in w and "refunds-en.txt" in w for w in interview.warnings)
    assert [(t.question, t.answerer) for t in interview.turns] == [
        ("How many tax refund stores are there now?", "Lu Qingyuan")]


def test_units_named_in_english_are_the_chinese_units_they_translate() -> None:
    from index.parsing.english import chinese_unit

    assert chinese_unit("Huancha Municipal Bureau of Culture, Radio, Television and Tourism") == "市文化广电和旅游局"
    assert chinese_unit("Yuechuan Human Resources and Social Security Bureau") == "市人力资源和社会保障局"
    assert chinese_unit("Zhejiang Provincial Department of Commerce") == "省商务厅"
    assert chinese_unit("Administration for Market Regulation") == "市市场监督管理局"
    assert chinese_unit("Information Office of Huancha Municipal People's Government") is None
    assert chinese_unit("Bureau of Wonders") is None  # a unit the table does not know stays unread, never guessed


def test_a_long_english_answer_is_cut_at_its_sentences() -> None:
    from index.text import sentence_spans

    said = "It runs from July 1. Mr. Lu said No. 5 is open. Prices fell 4.5 per cent. Second, we added 1,800 shops."
    assert [said[s:e] for s, e in sentence_spans(said)] == [
        "It runs from July 1.", "Mr. Lu said No. 5 is open.", "Prices fell 4.5 per cent.", "Second, we added 1,800 shops."]
    answer = " ".join(f"Measure {i} gives visitors {i * 10} more shops to choose from." for i in range(20))
    interview = parse_text(f"Reporter: What is new?\n\nLu Qingyuan: {answer}\n", "long-en.txt", max_chars=300)
    chunks = [p.text for p in interview.passages if p.kind == "answer"]
    assert len(chunks) >= 3 and all(len(c) <= 300 and c.endswith(".") for c in chunks)
    assert " ".join(chunks) == answer


def test_other_articles_between_a_jump_and_its_continuation_are_no_ones_words() -> None:
    text = ("专访市水务局局长陶明远\n\n记者：今年城区供水管网改造进展如何？\n\n"
            "陶明远：今年计划改造老旧供水管网，目前已完成一半，全年将完成\n\n（下转第4版）\n\n"
            "我市开展防汛应急演练\n\n本报讯（记者 江禾）6月18日，市应急管理局在城东泵站开展防汛应急演练，出动人员300人。\n\n"
            "责任编辑：周敏\n\n澜水日报 2025年6月20日 第04版\n\n（上接第1版）85公里，漏损率将降到9%以下。\n\n"
            "记者：夏季用水高峰怎么保障？\n\n陶明远：我们新增了两座加压泵站。\n")
    interview = parse_text(text, "paper.txt")
    answers = [p.text for p in interview.passages if p.kind == "answer"]
    assert answers == ["今年计划改造老旧供水管网，目前已完成一半，全年将完成", "85公里，漏损率将降到9%以下。",
                       "我们新增了两座加压泵站。"]
    unmarked = text.replace("（上接第1版）85公里，漏损率将降到9%以下。\n\n", "")  # the page holds no "上接" mark
    answers = [p.text for p in parse_text(unmarked, "paper.txt").passages if p.kind == "answer"]
    assert answers == ["今年计划改造老旧供水管网，目前已完成一半，全年将完成", "我们新增了两座加压泵站。"]


def test_an_opening_that_announces_the_parts_of_an_answer_goes_with_the_first() -> None:
    text = ("记者：怎么保证农村自来水的水质安全？\n\n"
            "秦立远：《办法》从水源、水厂、检测三个环节作了规定。\n\n一是水源保护。供水工程全部划定水源保护区。\n\n"
            "二是净化消毒。供水单位必须配备净化消毒设施。\n\n三是水质检测。每季度至少检测一次。\n")
    answers = [p.text for p in parse_text(text, "water.txt").passages if p.kind == "answer"]
    assert answers[0].startswith("《办法》从水源、水厂、检测三个环节作了规定。\n一是水源保护。")  # no passage of its own
    assert [a[:2] for a in answers] == ["《办", "二是", "三是"]


def test_english_speakers_called_by_surname_are_the_ones_listed() -> None:
    text = ("Press conference on jobs\n\nSpeakers\n\n"
            "He Jing, director-general of Yuechuan Municipal Bureau of Human Resources and Social Security\n\n"
            "Chen Haoran, Deputy Director of Yuechuan Municipal Health Commission\n\n"
            "Moderator: Zhou Min, Spokesperson\n\nZhou Min: Welcome.\n\n"
            "Reuters: How many graduates look for work this summer?\n\nMs. He: About 86,000 graduates.\n\n"
            "Xinhua: What about clinics?\n\nMr Chen: Clinics pay 1,500 yuan a month.\n")
    interview = parse_text(text, "jobs-en.txt")
    assert [(p.speaker, p.role, p.bureau) for p in interview.passages if p.kind == "answer"] == [
        ("He Jing", "director-general", "市人力资源和社会保障局"), ("Chen Haoran", "Deputy Director", "市卫生健康委员会")]


# 30. What the twenty-third batch of layouts (held out) found: a 书面采访 answered by e-mail (questions quoted with ">",
# answers under them, the reporter's original mail quoted below, a signature), ...
def test_a_written_interview_answered_by_email(tmp_path: Path) -> None:
    text = ("From: 澜川市医疗保障局办公室 <office@ybj.lanchuan.example>\nSent: 2025年8月4日 9:12\n"
            "To: 晨报记者 <reporter@paper.example>\nSubject: 回复：医保采访提纲\n\n记者同志：\n\n"
            "    来函收悉，现答复如下。引用时请注明“澜川市医疗保障局相关负责人表示”。\n\n"
            "> 一、长期护理保险什么时候开始试点？\n\n答：今年10月起在全市试点，首批覆盖职工医保参保人。\n\n"
            "> 二、失能人员怎么申请？\n\n答：由本人或家属在“澜川医保”小程序提出评估申请。\n\n"
            "如有疑问请随时联系。\n\n澜川市医疗保障局办公室\n丁若溪\n电话：0123-5550 1234\n\n"
            "-----Original Message-----\nFrom: 晨报记者\n\n一、长期护理保险什么时候开始试点？\n"
            "二、失能人员怎么申请？\n三、护理费用报销比例是多少？\n")
    (tmp_path / "reply.txt").write_text(text, encoding="utf-8")
    interview = parse_file(tmp_path / "reply.txt")
    assert [(t.question, t.answerer) for t in interview.turns] == [
        ("长期护理保险什么时候开始试点？", "相关负责人"), ("失能人员怎么申请？", "相关负责人")]
    assert interview.metadata.bureau == "澜川市医疗保障局"
    assert interview.metadata.title == "回复：医保采访提纲"
    assert not any("护理费用报销" in p.text or "丁若溪" in p.text or "电话" in p.text for p in interview.passages)


def test_a_qa_sites_answers_page_clipped_to_markdown(tmp_path: Path) -> None:
    page = ("# 澜川医保\n\n澜川市医疗保障局官方账号\n\n[首页](https://qa.example/) · [登录](https://qa.example/in)\n\n---\n\n"
            "## [异地就医备案在手机上怎么办？](https://qa.example/q/1)\n\n"
            "![](https://img.example/a.jpg) **澜川医保**　澜川市医疗保障局官方账号\n\n"
            "在“国家医保服务平台”APP上就能办，当天生效。\n\n举报电话：0123-5550 1100。\n\n发布于 2025-06-01 10:00\n\n"
            "▲ 赞同 12 · 💬 3 条评论\n\n- **小周**：备案以后能改吗？　06-02 · 赞 3\n"
            "  - **澜川医保**（作者）回复 **小周**：可以，每年可以变更两次。　06-02 · 赞 5\n"
            "- **阿梅**：谢谢，很有用！　06-03 · 赞 1\n\n---\n\n"
            "## [门诊慢特病怎么申请？](https://qa.example/q/2)\n\n> 问题描述：家里老人有高血压。\n\n"
            "**澜川医保**　澜川市医疗保障局官方账号\n\n向参保地医保经办机构提出申请。\n\n发布于 2025-05-20 09:00\n")
    (tmp_path / "answers.md").write_text(page, encoding="utf-8")
    interview = parse_file(tmp_path / "answers.md")
    assert [(t.question, t.answer) for t in interview.turns] == [
        ("异地就医备案在手机上怎么办？", "在“国家医保服务平台”APP上就能办，当天生效。\n举报电话：0123-5550 1100。"),
        ("备案以后能改吗？", "可以，每年可以变更两次。"),
        ("门诊慢特病怎么申请？ 家里老人有高血压。", "向参保地医保经办机构提出申请。")]
    assert interview.metadata.bureau == "澜川市医疗保障局"
    assert not any("首页" in p.text or "赞同" in p.text or "很有用" in p.text for p in interview.passages)


def test_a_dateline_in_brackets_is_no_speaker() -> None:
    text = ("【本报讯】今年以来，全区推出了哪些新举措？日前，本报记者专访了区长冯晓岚。\n\n记者：老房子怎么保护？\n\n"
            "冯晓岚：今年安排专项资金2800万元。\n")
    interview = parse_text(text, "news.txt")
    assert [(p.kind, p.text[:6]) for p in interview.passages] == [("intro", "【本报讯】今"), ("answer", "今年安排专项")]


def test_a_web_clippers_front_matter_is_no_typo_and_gives_the_date() -> None:
    text = ("---\ntitle: 澜川医保 的回答\nsource: https://qa.example/people/lanchuan\nauthor: 澜川医保\n"
            "created: 2025-06-27\ntags:\n  - 剪藏\nbureua: 澜川市医疗保障局\n---\n\n记者：备案怎么办？\n\n答：在APP上办理。\n")
    interview = parse_text(text, "clip.md")
    assert interview.metadata.date == "2025-06-27"
    unknown = [w for w in interview.warnings if "unknown front matter key" in w]
    assert len(unknown) == 1 and "'bureua'" in unknown[0]  # a typo of a key still gets its warning


def test_a_speech_to_text_transcript_whose_speakers_are_numbered(tmp_path: Path) -> None:
    text = ("澜川交通访谈 录音转写\n\n智能摘要\n\n嘉宾介绍了公交线路调整。\n\n章节速览\n\n00:01:10　公交线路怎么调整？\n\n"
            "说话人1 00:00:03\n\n大家好，我是主持人林悦。今天请到了澜川市交通运输局局长 韩立群。\n\n"
            "说话人2 00:00:20\n\n主持人好，大家好，我是韩立群。\n\n说话人1 00:01:10\n\n韩局长，公交线路今年怎么调整？\n\n"
            "说话人2 00:01:25\n\n今年新开线路12条。\n\n说话人2 00:02:40\n\n还优化了线路30条。\n\n"
            "说话人3 00:03:05\n\n喂，能听到吗？韩局长好！晚上的公交能不能延长到11点？\n\n"
            "说话人2 00:03:30\n\n主干线末班车延长到23:00。\n\n说话人3 00:03:50\n\n好的好的，谢谢韩局长！\n\n"
            "说话人1 00:04:00\n\n最后，下一步还有哪些打算？\n\n说话人2 00:04:10\n\n明年建成公交专用道40公里。\n")
    (tmp_path / "asr.txt").write_text(text, encoding="utf-8")
    interview = parse_file(tmp_path / "asr.txt")
    assert [(t.question, t.answerer) for t in interview.turns] == [
        ("韩局长，公交线路今年怎么调整？", "韩立群"), ("晚上的公交能不能延长到11点？", "韩立群"),
        ("最后，下一步还有哪些打算？", "韩立群")]
    answers = [p.text for p in interview.passages if p.kind == "answer"]
    assert answers[0] == "今年新开线路12条。\n还优化了线路30条。"  # one speaker's two segments: one answer
    assert interview.metadata.bureau == "澜川市交通运输局"
    assert not any("说话人" in p.text or "嘉宾介绍了" in p.text or "我是韩立群" in p.text for p in interview.passages)


def _box(top: int, left: int, words: str) -> str:
    return f'<div class="ele" style="left:{left}px;top:{top}px;z-index:3"><p>{words}</p></div>'


def test_an_h5_of_placed_boxes_is_read_in_screen_order(tmp_path: Path) -> None:
    band = "访谈区长｜澄南这一年"
    screens = [
        [_box(30, 24, band), _box(200, 70, "今年新建乡镇卫生院2所。"), _box(202, 24, "答"), _box(80, 24, "问"),
         _box(78, 70, "区里今年在医疗方面有哪些实事？")],
        [_box(30, 24, band), _box(80, 24, "问"), _box(78, 70, "农村公路今年修多少公里？"), _box(150, 24, "答"),
         _box(148, 70, "今年新改建农村公路120公里。")],
        [_box(30, 24, band), _box(90, 70, "其中通组公路40公里。"), _box(400, 70, "2/3")]]
    page = ("<html><head><title>访谈区长</title></head><body>"
            '<div id="loading">加载中 100%</div><div class="cover"><p>——专访澄江市澄南区区委副书记、区长 barb</p></div>'
            .replace("barb", "宋致远") + "".join(f'<section class="m-page">{"".join(s)}</section>' for s in screens)
            + "</body></html>")
    (tmp_path / "h5.html").write_text(page, encoding="utf-8")
    interview = parse_file(tmp_path / "h5.html")
    assert [(t.question, t.answer, t.answerer) for t in interview.turns] == [
        ("区里今年在医疗方面有哪些实事？", "今年新建乡镇卫生院2所。", "宋致远"),
        ("农村公路今年修多少公里？", "今年新改建农村公路120公里。\n其中通组公路40公里。", "宋致远")]
    assert interview.metadata.bureau == "澄江市澄南区人民政府"
    assert not any(band in p.text or "2/3" in p.text or "加载中" in p.text for p in interview.passages)


def _a4_page():  # type: ignore[no-untyped-def]
    """A reportlab canvas of one A4 page with a CJK font ("WQY") registered, and the buffer it is saved to."""
    import io

    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont
    from reportlab.pdfgen import canvas

    pdfmetrics.registerFont(TTFont("WQY", "/usr/share/fonts/truetype/wqy/wqy-microhei.ttc", subfontIndex=0))
    buffer = io.BytesIO()
    return canvas.Canvas(buffer, pagesize=(595, 842), invariant=1), buffer


def _leaflet(cards: list[tuple[str, str]]) -> bytes:
    """A one-page leaflet: a title, then cards of a question (larger) over its answer, two to a row."""
    page, buffer = _a4_page()
    page.setFont("WQY", 16)
    page.drawString(60, 790, "澜川市公积金中心 办事明白纸")
    for n, (question, answer) in enumerate(cards):
        x, top = 40 + (n % 2) * 270, 740 - (n // 2) * 140
        page.roundRect(x, top - 120, 250, 120, 8)
        page.setFont("WQY", 12)
        page.drawString(x + 12, top - 24, question)
        page.setFont("WQY", 9.5)
        for i in range(0, len(answer), 24):  # 24 characters a line fill the card
            page.drawString(x + 12, top - 44 - (i // 24) * 14, answer[i : i + 24])
    page.save()
    return buffer.getvalue()


def test_a_leaflets_cards_are_read_row_by_row_each_question_over_its_answer(tmp_path: Path) -> None:
    cards = [(f"问题{n}：公积金第{n}项业务怎么办理？", f"第{n}项业务在“澜川公积金”小程序上办理，" + "材料齐全的当场办结，" * 4)
             for n in range(1, 5)]
    (tmp_path / "leaflet.pdf").write_bytes(_leaflet(cards))
    interview = parse_file(tmp_path / "leaflet.pdf")
    assert [t.question for t in interview.turns] == [q.split("：", 1)[1] for q, _ in cards]  # 1, 2 on one row, then 3, 4
    assert [t.answer[:12] for t in interview.turns] == [a[:12] for _, a in cards]


def test_a_report_of_an_official_taking_calls() -> None:
    text = ("局长坐班｜澜川市医保局局长何书远接听市民来电\n\n澜川日报讯 8月1日上午，澜川市医疗保障局局长何书远和该局待遇保障科科长"
            "白若兰走进12345热线。\n\n来电一：异地就医怎么备案\n\n“何局长您好！我妈妈在外地住院，异地就医怎么备案？”来电的是市民孙女士。\n\n"
            "何书远告诉孙女士，在“国家医保服务平台”APP上就能备案。\n\n“备案当天就生效。”何书远说。\n\n来电二：门诊报销\n\n"
            "“你好，门诊看病能报销多少？”退休职工许师傅问。\n\n这个电话由白若兰接听。白若兰介绍，退休人员门诊报销比例是60%。\n\n"
            "据统计，本期共接听来电9个，何书远表示会继续做好服务。\n")
    interview = parse_text(text, "calls.txt")
    assert [(t.question, t.answerer) for t in interview.turns] == [
        ("我妈妈在外地住院，异地就医怎么备案？", "何书远"), ("门诊看病能报销多少？", "白若兰")]  # the caller's words only
    answers = [(p.speaker, p.bureau) for p in interview.passages if p.kind == "answer"]
    assert set(answers) == {("何书远", "澜川市医疗保障局"), ("白若兰", "澜川市医疗保障局")}
    assert not any("据统计" in p.text or p.text.startswith("来电") for p in interview.passages if p.kind == "answer")


def test_a_replys_quoted_original_is_left_out_whichever_mail_client_wrote_it() -> None:
    from index.parsing.mail import mail_reply_as_text

    reply = ("发件人: 市医保局办公室 <a@b.example>\n发送时间: 2025年8月4日 9:12\n收件人: 记者 <r@p.example>\n"
             "主题: 回复：提纲\n\n> 1. 长护险什么时候试点？\n\n答：10月起。\n\n")
    for separator in ("------------------ 原始邮件 ------------------",  # QQ mail, Foxmail
                      "-----Original Message-----",  # Outlook
                      "在 2025年8月1日周五 上午10:12，何蔓菁 <he.manjing@yhwb.example> 写道：",  # Gmail in Chinese
                      "On Fri, Aug 1, 2025 at 10:12 AM He Manjing <he.manjing@yhwb.example> wrote:"):
        text = mail_reply_as_text(f"{reply}{separator}\n> 1. 长护险什么时候试点？\n> 2. 报销比例是多少？\n")
        assert text is not None and "报销比例" not in text and "1. 长护险什么时候试点？\n\n答：10月起。" in text


# 31. What the twenty-fourth batch of layouts (held out) found: a portal's "导出Word" that holds its page as an altChunk
# (no paragraph of its own), a 信息公开 table whose values sit a line under their keys, a magazine's short labels
# declared once (以下简称“X”), a unit's cartoon mascot talking with citizens, ARIA tabs whose panels hold the answers,
# a 局长笔谈 (one list of questions, each official answering all of them under their name), and 座谈会 minutes in
# reported speech; also an English page no longer lets every English question be answered (tests/test_english_pages.py).
def _docx_holding_a_page(html: str) -> bytes:
    """A .docx whose body is one altChunk: the HTML page Word imports when it opens the file."""
    import io

    import docx
    from docx.opc.constants import RELATIONSHIP_TYPE
    from docx.opc.packuri import PackURI
    from docx.opc.part import Part
    from docx.oxml import parse_xml

    document = docx.Document()
    body = document.element.body
    for paragraph in list(body.iterchildren("{http://schemas.openxmlformats.org/wordprocessingml/2006/main}p")):
        body.remove(paragraph)
    part = Part(PackURI("/word/afchunk1.htm"), "text/html", html.encode("utf-8"), document.part.package)
    rid = document.part.relate_to(part, RELATIONSHIP_TYPE.A_F_CHUNK)
    chunk = parse_xml(f'<w:altChunk xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" '
                      f'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships" r:id="{rid}"/>')
    body.insert(0, chunk)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def test_a_word_export_holding_its_page_as_an_alt_chunk(tmp_path: Path) -> None:
    page = ("<html><head><title>澜川市水务局负责人就《节约用水办法》答记者问</title></head><body><table>"
            "<tr><td>索引号：</td></tr><tr><td>11000777XY/2025-00012</td></tr><tr><td>发布机构：</td></tr>"
            "<tr><td>澜川市水务局</td></tr></table><h1>澜川市水务局负责人就《节约用水办法》答记者问</h1>"
            "<p>问：《办法》对居民用水有哪些新规定？</p><p>答：居民用水实行阶梯水价，第一阶梯每月15吨。</p>"
            "<p>问：违反规定怎么处理？</p><p>答：由市水务局责令改正，可处500元以下罚款。</p></body></html>")
    (tmp_path / "export.docx").write_bytes(_docx_holding_a_page(page))
    interview = parse_file(tmp_path / "export.docx")
    assert [t.question for t in interview.turns] == ["《办法》对居民用水有哪些新规定？", "违反规定怎么处理？"]
    assert interview.metadata.bureau == "澜川市水务局"
    assert interview.metadata.title == "澜川市水务局负责人就《节约用水办法》答记者问"  # not the 索引号 under its key


def test_short_labels_declared_once_stand_for_the_names() -> None:
    text = ("对话｜让河湖更清\n\n本刊记者（以下简称“记”）对话了澜川市水务局党组书记、局长韩立泽（以下简称“韩”）和副局长"
            "邬晓岑（以下简称“邬”）。\n\n记：今年河湖治理有哪些新举措？\n\n韩：今年新建生态缓冲带12公里。\n\n"
            "记：市民怎么参与？\n\n邬：可以报名当民间河长，目前已有860人。\n")
    interview = parse_text(text, "talk.txt")
    assert [(t.question, t.answerer) for t in interview.turns] == [
        ("今年河湖治理有哪些新举措？", "韩立泽"), ("市民怎么参与？", "邬晓岑")]
    assert {(p.speaker, p.role) for p in interview.passages if p.kind == "answer"} == {
        ("韩立泽", "党组书记、局长"), ("邬晓岑", "副局长")}


def test_a_units_mascot_answers_citizens_for_the_unit() -> None:
    text = ("# 图解｜公积金怎么提？\n\n大家好，我是澜川市住房公积金管理中心的卡通形象“公积金小澜”！\n\n"
            "**刘大爷**：小澜，租房能提公积金吗？\n\n**公积金小澜**：能，每月最多提1500元。\n\n**刘大爷**：那可太好了！\n\n"
            "## 第二幕\n\n**外卖小哥阿明**：小澜，我没有单位，能缴公积金吗？\n\n**公积金小澜**：能，灵活就业人员可以自愿缴存。\n")
    interview = parse_text(text, "comic.md")
    assert [(t.question, t.answerer) for t in interview.turns] == [
        ("小澜，租房能提公积金吗？", "澜川市住房公积金管理中心"), ("小澜，我没有单位，能缴公积金吗？", "澜川市住房公积金管理中心")]
    assert interview.metadata.bureau == "澜川市住房公积金管理中心"
    assert not any(p.text.startswith(("##", "那可太好了")) for p in interview.passages if p.kind == "answer")


def test_aria_tabs_put_each_question_over_its_panel_and_the_footer_names_the_site(tmp_path: Path) -> None:
    html = ("<html><body><ul role='tablist'><li role='tab' id='t1' aria-controls='p1'><span>1</span>公积金能还房贷吗？</li>"
            "<li role='tab' id='t2' aria-controls='p2'><span>2</span>离职后公积金怎么办？</li></ul>"
            "<div role='tabpanel' id='p1' aria-labelledby='t1'><p>能。可以按月提取公积金偿还房贷本息。</p></div>"
            "<div role='tabpanel' id='p2' aria-labelledby='t2' hidden><p>单位应在30日内办理封存，账户余额继续计息。</p></div>"
            "<div class='footer'><p>主办单位：澜川市住房公积金管理中心　　地址：澜川市新华路1号</p></div></body></html>")
    (tmp_path / "faq.html").write_text(html, encoding="utf-8")
    interview = parse_file(tmp_path / "faq.html")
    assert [(t.question, t.answer[:8]) for t in interview.turns] == [
        ("公积金能还房贷吗？", "能。可以按月提取"), ("离职后公积金怎么办？", "单位应在30日内")]
    assert interview.metadata.bureau == "澜川市住房公积金管理中心"


def test_a_bureau_chiefs_written_answers_to_one_list_of_questions(tmp_path: Path) -> None:
    text = ("两会笔谈｜两位局长答三问\n\n编者按：本报就三个问题书面采访了两位局长。\n\n问一：去年做了什么？\n问二：今年有什么打算？\n\n"
            "◎澜川市水务局党组书记、局长　韩立泽\n\n答一：新建水厂两座。\n\n答二：推进城乡供水一体化。\n\n"
            "◎澜川市生态环境局副局长　邬晓岑\n\n答一：完成河道整治23条。\n\n答二：建设生态缓冲带。\n\n（本报记者　许默　整理）\n")
    (tmp_path / "bitan.txt").write_text(text, encoding="utf-8")
    interview = parse_file(tmp_path / "bitan.txt")
    assert [(t.question, t.answerer, t.answer) for t in interview.turns] == [
        ("去年做了什么？", "韩立泽", "新建水厂两座。"), ("去年做了什么？", "邬晓岑", "完成河道整治23条。"),
        ("今年有什么打算？", "韩立泽", "推进城乡供水一体化。"), ("今年有什么打算？", "邬晓岑", "建设生态缓冲带。")]
    assert {(p.speaker, p.bureau) for p in interview.passages if p.kind == "answer"} == {
        ("韩立泽", "澜川市水务局"), ("邬晓岑", "澜川市生态环境局")}


def test_minutes_in_reported_speech_credit_each_reply_to_who_gave_it(tmp_path: Path) -> None:
    text = ("澜川市工业和信息化局\n\n会议纪要\n\n6月5日，市工业和信息化局召开政企座谈会，市财政局、市人力资源和社会保障局"
            "有关负责同志和8家企业代表参加会议。\n\n一、企业反映的问题及部门回应\n\n"
            "1．澜川机电有限公司总经理杭立群反映，企业想申请技术改造补助，希望尽快明确申报时间。"
            "市工业和信息化局副局长韩立泽表示，今年的申报通知7月发布，补助比例为设备投资的10%。\n\n"
            "市财政局补充，补助资金在评审后30日内拨付。\n\n"
            "2．针对部分企业反映的招工难的问题，市人力资源和社会保障局回应：每月举办两场专场招聘会。\n\n"
            "3．澜川物流有限公司负责人反映，园区道路夜间限行。该问题由会后转办。\n")
    (tmp_path / "minutes.txt").write_text(text, encoding="utf-8")
    interview = parse_file(tmp_path / "minutes.txt")
    assert [(t.question[:9], t.answerer) for t in interview.turns] == [
        ("企业想申请技术改造", "韩立泽"), ("企业想申请技术改造", "澜川市财政局"), ("部分企业反映的招工", "澜川市人力资源和社会保障局")]
    assert not any("转办" in t.answer for t in interview.turns)  # an item no one replied to has no answer


# 32. What the twenty-fifth batch of layouts (held out) found: an accessible 一图读懂 (each question only in an image's
# alt text, its answer in the caption), a live page's comment area the bureau answers in, a podcast whose speakers are
# labelled by initials declared in its guest list, a broadcast script (【同期声】 with a caption naming who speaks), and
# a shared document of questions each answered by "@X 回复：".
def test_a_question_kept_only_in_an_images_alt_text(tmp_path: Path) -> None:
    html = ("<html><body><article><h1>图解｜澜川公积金新政</h1><figure><img src='a.png' alt='问：租房提取每月能提多少？'>"
            "<figcaption>答：每月最多提取1500元。</figcaption></figure><figure><img src='b.png' alt='问：异地贷款怎么办？'>"
            "<figcaption>答：在外地连续缴存满6个月即可申请。</figcaption></figure><p>来源：澜川市住房公积金管理中心</p>"
            "</article></body></html>")
    (tmp_path / "tu.html").write_text(html, encoding="utf-8")
    interview = parse_file(tmp_path / "tu.html")
    assert [(t.question, t.answer) for t in interview.turns] == [
        ("租房提取每月能提多少？", "每月最多提取1500元。"), ("异地贷款怎么办？", "在外地连续缴存满6个月即可申请。")]


def test_a_comment_area_the_bureau_answers_in(tmp_path: Path) -> None:
    html = ("<html><body><div class='intro'><p>澜川市水务局和澜南区人民政府在评论区答复网友。</p></div>"
            "<section class='comments'><h2>评论区（12）</h2>"
            "<div class='cmt'><p>#5 网友“河边”：小区停水什么时候恢复？</p><p class='meta'>06-02 09:12　👍 30</p>"
            "<div class='reply'><p>└ 网友“路人”回复：我们这边也停了。</p></div>"
            "<div class='reply'><p>└ 市水务局回复：管道抢修今晚8点前完成。</p><p class='meta'>06-02 09:40</p></div></div>"
            "<div class='cmt'><p>#9 网友“南城”：澜南区的污水管网什么时候改造？</p>"
            "<div class='reply'><p>└ 澜南区人民政府回复：9月底前完成改造。</p></div></div>"
            "<p>查看更多评论（7）</p></section></body></html>")
    (tmp_path / "live.html").write_text(html, encoding="utf-8")
    interview = parse_file(tmp_path / "live.html")
    assert [(t.question, t.answerer, t.answer) for t in interview.turns] == [
        ("小区停水什么时候恢复？", "澜川市水务局", "管道抢修今晚8点前完成。"),  # the reader's reply is no answer
        ("澜南区的污水管网什么时候改造？", "澜川市澜南区人民政府", "9月底前完成改造。")]


def test_a_podcasts_initials_stand_for_the_guests_it_lists(tmp_path: Path) -> None:
    text = ("# 政务夜话 第3期\n\n## 本期嘉宾\n\n- 韩立泽（HLZ）：澜川市水务局党组书记、局长\n- 邬晓岑（WXC）：澜川市水务局供水处处长\n\n"
            "## 主播\n\n- 阿宁（AN）：澜川融媒\n\n## 文字稿\n\n**AN** [00:10]\n韩局长，今年供水有什么新变化？\n\n"
            "**HLZ** [00:20]\n今年新建水厂两座，日供水能力增加20万吨。\n\n**AN** [03:05]\n邬处长，老小区水压低怎么办？\n\n"
            "**WXC** [03:15]\n今年改造二次供水泵房86座。\n")
    (tmp_path / "podcast.md").write_text(text, encoding="utf-8")
    interview = parse_file(tmp_path / "podcast.md")
    assert [(t.question, t.answerer) for t in interview.turns] == [
        ("韩局长，今年供水有什么新变化？", "韩立泽"), ("邬处长，老小区水压低怎么办？", "邬晓岑")]
    assert {(p.speaker, p.role) for p in interview.passages if p.kind == "answer"} == {
        ("韩立泽", "党组书记、局长"), ("邬晓岑", "供水处处长")}


def test_a_broadcast_scripts_captions_say_who_speaks() -> None:
    text = ("澜川电视台　播出台本\n\n【演播室导语】观众朋友，今年我市改造老旧小区一百个。\n\n【解说】家住城东的刘阿姨最关心加装电梯。\n\n"
            "【同期声】（字幕：市民　刘阿姨）\n\n我家住六楼，电梯什么时候能装上？\n\n【解说】记者把问题带到了市住建局。\n\n"
            "【同期声】（字幕：澜川市住房和城乡建设局副局长　韩立泽）\n\n今年计划加装电梯300部，符合条件的小区年底前开工。\n\n"
            "【记者出镜】韩局长，加装电梯的钱谁来出？\n\n【同期声】（字幕：澜川市住房和城乡建设局副局长　韩立泽）\n\n"
            "财政每部补助15万元，其余由业主协商分摊。\n")
    interview = parse_text(text, "script.txt")
    assert [(t.question, t.answerer) for t in interview.turns] == [
        ("我家住六楼，电梯什么时候能装上？", "韩立泽"), ("韩局长，加装电梯的钱谁来出？", "韩立泽")]
    assert not any("记者把问题" in p.text or "观众朋友" in p.text for p in interview.passages if p.kind == "answer")


def test_a_shared_documents_mentions_reply(tmp_path: Path) -> None:
    text = ("企业诉求清单（第3期）\n\n所有者：工信局　　最近修改：6月3日 10:00\n\n参与回复人员：\n"
            "@韩立泽　澜川市工业和信息化局副局长\n@税务专班　国家税务总局澜川市税务局“企业服务专班”账号\n\n"
            "问题1｜澜川机电有限公司　总经理　杭立群\n企业想申请技改补助，什么时候申报？\n@韩立泽 回复：\n7月发布申报通知。\n"
            "状态：[x] 已回复\n\n问题2｜澜川机电有限公司　总经理　杭立群\n研发费用加计扣除能提前享受吗？\n@税务专班 回复：\n"
            "7月预缴时就可以享受。\n状态：[x] 已回复\n")
    (tmp_path / "doc.txt").write_text(text, encoding="utf-8")
    interview = parse_file(tmp_path / "doc.txt")
    assert [(t.question, t.answerer, t.answer) for t in interview.turns] == [
        ("企业想申请技改补助，什么时候申报？", "韩立泽", "7月发布申报通知。"),
        ("研发费用加计扣除能提前享受吗？", "国家税务总局澜川市税务局", "7月预缴时就可以享受。")]


# 33. What the twenty-sixth batch (held out) found: a 征求意见 feedback report (意见N, 采纳情况（unit）), a government
# news office's transcript in Traditional characters (title-only labels named in the lead, bureaus without the city),
# and a price hearing's roles before names (its record and a 居民议事会's are on the branch layouts26-held-out).
def test_a_consultation_feedback_report_credits_each_unit() -> None:
    text = ("# 关于《澜州市控烟条例（征求意见稿）》意见采纳情况的反馈\n\n发布单位：澜州市卫生健康委员会\n\n### 意见1：公共场所范围\n\n"
            "**意见1：**建议把公交站台也纳入禁烟范围。\n\n**采纳情况（市卫生健康委员会）：**采纳。正式稿第八条已增加公交站台。\n\n"
            "### 意见2：处罚\n\n**意见2：**罚款太低，能不能提高？\n\n**采纳情况（市城市管理局）：**部分采纳。罚款上限提高到500元。\n")
    interview = parse_text(text, "feedback.md")
    assert [(t.question, t.answerer, t.answer) for t in interview.turns] == [
        ("建议把公交站台也纳入禁烟范围。", "澜州市卫生健康委员会", "采纳。正式稿第八条已增加公交站台。"),
        ("罚款太低，能不能提高？", "澜州市城市管理局", "部分采纳。罚款上限提高到500元。")]


def test_a_news_office_transcript_names_title_only_labels_from_its_lead(tmp_path: Path) -> None:
    html = ("<html><head><meta name='publisher' content='澜州市政府新聞處'></head><body><h1>房屋局局長出席電台節目談話內容</h1>"
            "<p>以下為房屋局局長何詠晴今早（六月十二日）出席電台節目的訪問內容：</p>"
            "<p>主持人：早晨何局長。公屋而家要輪候幾耐？</p><p>房屋局局長：平均輪候時間係五點二年。</p>"
            "<p>主持人：今年有幾多單位落成？</p><p>房屋局局長：預計有一萬二千八百個。</p><p>完</p></body></html>")
    (tmp_path / "isd.html").write_text(html, encoding="utf-8")
    interview = parse_file(tmp_path / "isd.html")
    assert interview.metadata.bureau == "澜州市房屋局"
    assert [(t.question, t.answerer) for t in interview.turns] == [
        ("公屋而家要輪候幾耐？", "何詠晴"), ("今年有幾多單位落成？", "何詠晴")]


def test_a_hearings_roles_before_the_names() -> None:
    from index.parsing.speakers import find_label, read_label

    assert read_label("听证主持人　方振国").word == "主持人"
    asker = find_label("参加人　许婉清（1号，消费者代表）：我想请申请人解释一下。")
    assert asker is not None and read_label(asker.name).side == "ask"
    official = read_label("定价机关代表　市发展和改革委员会价格管理科科长　邓楠")
    assert official.side == "answer" and official.person is not None and official.person.name == "邓楠"


def test_a_hearing_is_the_holding_authoritys_though_the_applicant_speaks_first() -> None:
    text = ("澜州市水价调整听证会实录\n\n2026年5月8日上午，澜州市发展和改革委员会在市政务服务中心举行居民生活用水价格调整听证会。\n\n"
            "听证主持人　方振国：请参加人发言。\n\n参加人　许婉清（1号，消费者代表）：水价为什么要涨？\n\n"
            "定价申请人代表　澜州市水务局副局长　韦成林：供水成本三年上涨了18%。\n\n"
            "参加人　钱国栋（2号，居民代表）：低保家庭有没有减免？\n\n定价机关代表　澜州市发展和改革委员会价格管理科科长　邓楠："
            "低保家庭每月减免5吨水费。\n")
    interview = parse_text(text, "hearing.txt")
    assert interview.metadata.bureau == "澜州市发展和改革委员会"
    assert [(t.question, t.answerer) for t in interview.turns] == [("水价为什么要涨？", "韦成林"), ("低保家庭有没有减免？", "邓楠")]
    assert {(p.speaker, p.bureau) for p in interview.passages if p.kind == "answer"} == {
        ("韦成林", "澜州市水务局"), ("邓楠", "澜州市发展和改革委员会")}


# --- section 34: batch 27 and batch 26's 议事会 record (held out), rules tested on text of their own ---


def test_a_page_note_tag_and_a_spaced_header_and_the_host_labelled_by_name() -> None:
    text = ("【温馨提示】本页内容按现场录音整理。\n\n澜州市医保局政策吹风会实录\n\n时 间：2026年4月2日\n\n"
            "主 持 人：澜州市人民政府新闻办公室副主任 林晓岚\n\n发 布 人：澜州市医疗保障局局长 许明远\n\n"
            "林晓岚：各位记者上午好。先请许局长介绍情况。\n\n许明远：今年门诊报销比例提高到60%。\n\n"
            "澜州晚报记者：异地就医还要备案吗？\n\n许明远：线上备案即时生效。\n\n林晓岚：今天的吹风会到此结束，谢谢！\n")
    interview = parse_text(text, "briefing.txt")
    assert interview.metadata.bureau == "澜州市医疗保障局"
    assert [(t.question, t.answerer) for t in interview.turns if t.question and t.answer] == [("异地就医还要备案吗？", "许明远")]
    assert all(p.speaker != "林晓岚" for p in interview.passages if p.kind == "answer")
    assert not any("温馨提示" in (p.speaker or "") for p in interview.passages)


def test_residents_by_house_number_ask_and_a_chair_answers_after_them() -> None:
    from index.parsing.speakers import read_label

    for label, who in (("3栋李阿姨", "李阿姨"), ("7栋501住户刘先生", "刘先生"), ("12栋2单元王师傅", "王师傅"),
                       ("5栋楼栋长周建华", "周建华")):
        reading = read_label(label)
        assert (reading.side, reading.nickname) == ("ask", who)
    text = ("澜州市清河社区居民议事会记录\n\n主 持 人：周慧（清河社区居委会主任）\n\n"
            "列席人员：澜州市东城区清河街道办事处副主任　孙立\n\n"
            "周慧：各位居民晚上好，今天议两件事。\n\n2栋钱阿姨：楼下的路灯坏了一个月，什么时候修？\n\n"
            "孙立：街道已经报修，4月10日前修好。\n\n8栋302住户吴先生：小区能不能装快递柜？\n\n"
            "周慧：社区已经和快递公司谈好，下个月安装两组。\n\n周慧：哪些事还想拿到议事会上商量？欢迎随时反映。\n")
    interview = parse_text(text, "council.txt")
    assert [(t.question, t.answerer) for t in interview.turns if t.question and t.answer] == [
        ("楼下的路灯坏了一个月，什么时候修？", "孙立"), ("小区能不能装快递柜？", "周慧")]
    assert [p.text for p in interview.passages if p.kind == "answer" and p.speaker == "周慧"] == [
        "社区已经和快递公司谈好，下个月安装两组。"]


def test_a_label_with_a_long_remark_in_brackets() -> None:
    from index.parsing.speakers import find_label

    label = find_label("市民代表 钟雨桐（听障人士，手语提问，由手语翻译转述）：我想问一下紧急求助的办法。")
    assert label is not None and label.name.startswith("市民代表 钟雨桐")


def test_a_lead_names_the_units_posts_and_a_co_organiser_and_bracketed_section_headings_are_no_speakers() -> None:
    text = ("澜州市人民政府门户网站\n\n市交通运输局召开代表建议办理座谈会\n\n"
            "4月2日，市交通运输局召开座谈会。局党组书记、局长许明远出席，协办单位市公安局交通管理支队副支队长孙立参加。\n\n"
            "【参会代表】\n钱芳　市人大代表\n\n【座谈实录】\n\n钱芳代表：公交站台什么时候加装遮阳棚？\n\n"
            "许明远：今年6月底前加装120座。\n\n钱芳代表：学校门口接送车辆乱停怎么办？\n\n孙立：上下学时段增派警力疏导。\n")
    interview = parse_text(text, "deputies.txt")
    assert interview.metadata.bureau == "澜州市交通运输局"
    answers = {(p.speaker, p.bureau, p.role) for p in interview.passages if p.kind == "answer"}
    assert answers == {("许明远", "澜州市交通运输局", "党组书记、局长"), ("孙立", "澜州市公安局", "交通管理支队副支队长")}


def test_a_courts_qa_column_with_entry_fields_and_judges_of_two_courts(tmp_path: Path) -> None:
    html = ("<html><head><meta name='SiteName' content='澜州市中级人民法院'></head><body><h1>法官答疑</h1>"
            "<div class='item'><div>[民事] 邻居漏水不赔怎么办？</div><ul><li>提问人：手机尾号1234用户</li>"
            "<li>提问时间：2026-03-01 10:00</li><li>浏览：88</li></ul>"
            "<div><b>问题描述：</b>楼上漏水泡坏了我家吊顶，邻居不肯赔，怎么办？</div>"
            "<div>答疑法官：许明远（东城区人民法院民一庭庭长）　答复时间：2026-03-02 09:00</div>"
            "<p>可以先申请人民调解，调解不成的，可以向法院起诉。</p></div>"
            "<div class='item'><div>[执行] 执行款多久能到账？</div><ul><li>提问人：手机尾号5678用户</li>"
            "<li>提问时间：2026-03-03 10:00</li></ul><div><b>问题描述：</b>执行款什么时候能打到我账上？</div>"
            "<div>答疑法官：孙立（执行局副局长）　答复时间：2026-03-04 09:00</div>"
            "<p>执行款到账后30日内发放给申请人。</p></div></body></html>")
    (tmp_path / "court.html").write_text(html, encoding="utf-8")
    interview = parse_file(tmp_path / "court.html")
    assert interview.metadata.bureau == "澜州市中级人民法院"
    assert [(t.question, t.answerer) for t in interview.turns if t.question and t.answer] == [
        ("楼上漏水泡坏了我家吊顶，邻居不肯赔，怎么办？", "许明远"), ("执行款什么时候能打到我账上？", "孙立")]
    assert {(p.speaker, p.role, p.bureau) for p in interview.passages if p.kind == "answer"} == {
        ("许明远", "民一庭庭长", "澜州市东城区人民法院"), ("孙立", "执行局副局长", "澜州市中级人民法院")}


def test_a_window_digest_the_request_asks_and_the_unit_in_the_reply_label_answers() -> None:
    text = ("# “办不成事”反映窗口答疑选登\n\n来源：澜州市政务服务和数据管理局\n\n### 一、营业执照注销难\n\n"
            "- **反映人：** 东城区青年路8号　个体户\n\n**诉求内容：** 营业执照注销要跑几趟？\n\n"
            "**窗口答复（澜州市政务服务和数据管理局）：** 一次办结，当场注销。\n\n"
            "**部门答复（澜州市市场监督管理局）：** 个体户可以网上简易注销。\n")
    interview = parse_text(text, "digest.md")
    assert interview.metadata.title == "“办不成事”反映窗口答疑选登"
    assert [(t.question, t.answerer) for t in interview.turns] == [
        ("营业执照注销要跑几趟？", "澜州市政务服务和数据管理局"), ("营业执照注销要跑几趟？", "澜州市市场监督管理局")]


def test_a_livestream_host_a_companys_staff_and_a_question_put_off() -> None:
    text = ("直播带岗文字实录\n\n主办\t市人力资源和社会保障局\n\n来源：澜州人才网\n\n"
            "嘉宾\t澜州市人力资源和社会保障局就业促进科科长　骆闻笛\n\n澜州顺达物流有限公司招聘主管　葛朝阳\n\n"
            "主播 阿禾：骆科长，今年准备了多少岗位？\n\n骆科长：全市准备了3.2万个岗位。\n\n"
            "19:52　（连线中断约20秒，已恢复）\n\n网友“小李”：夜班有补贴吗？\n\n葛主管：夜班每晚补贴30元。\n\n"
            "网友“小周”：叉车证要自己考吗？\n\n主播 阿禾：这个问题我们记下来了，下播后请企业私信回复您。\n\n"
            "主播 阿禾：见习期间有补贴吗？\n\n骆科长：见习补贴每月1800元。\n")
    interview = parse_text(text, "live.txt")
    assert interview.metadata.bureau == "澜州市人力资源和社会保障局"
    assert [(t.question, t.answerer) for t in interview.turns if t.answer] == [
        ("骆科长，今年准备了多少岗位？", "骆闻笛"), ("夜班有补贴吗？", "葛朝阳"), ("见习期间有补贴吗？", "骆闻笛")]
    assert {(p.speaker, p.role, p.bureau) for p in interview.passages if p.kind == "answer"} == {
        ("骆闻笛", "就业促进科科长", "澜州市人力资源和社会保障局"), ("葛朝阳", "澜州顺达物流有限公司招聘主管", "")}


def test_a_notice_signed_by_a_community_and_its_head_who_chairs_and_answers() -> None:
    from index.parsing.people import split_org_role

    assert split_org_role("清河社区党委书记、居委会主任") == ("清河社区居民委员会", "社区党委书记、居委会主任")
    text = ("【居务公开】\n清河社区居务公开栏　　2026年第3期（总第20期）\n\n清河社区居民议事会会议记录\n\n主 持 人：周慧（清河社区党委书记、居委会主任）\n\n"
            "列席人员：澜州市东城区清河街道办事处副主任　孙立\n\n周慧：各位居民晚上好。\n\n"
            "2栋钱阿姨：楼下的路灯坏了一个月，什么时候修？\n\n孙立：街道已经报修，4月10日前修好。\n\n"
            "8栋302住户吴先生：小区能不能装快递柜？\n\n周慧：社区已经和快递公司谈好，下个月安装两组。\n\n"
            "澜州市东城区清河街道清河社区居民委员会\n2026年3月27日\n")
    interview = parse_text(text, "notice.txt")
    assert interview.metadata.title == "清河社区居民议事会会议记录"
    assert interview.metadata.bureau == "澜州市东城区清河街道清河社区居民委员会"
    assert {(p.speaker, p.role, p.bureau) for p in interview.passages if p.kind == "answer"} == {
        ("孙立", "副主任", "澜州市东城区清河街道办事处"),
        ("周慧", "社区党委书记、居委会主任", "澜州市东城区清河街道清河社区居民委员会")}


def test_a_narrow_side_column_is_no_ones_answer_and_a_units_name_is_no_title(tmp_path: Path) -> None:
    html = ("<html><head><title>网友留言_澜州市交通运输局</title></head><body><div class='main'>"
            "<div class='left'><p>澜州市公安局</p><p>网友：公交站台什么时候加装遮阳棚？</p>"
            "<p>澜州市交通运输局：今年6月底前加装120座，优先学校和医院附近的站台，资金已列入年度预算。</p>"
            "<p>网友：夜班公交能不能延长到凌晨一点？</p><p>澜州市交通运输局：5条主干线7月起延长到凌晨一点。</p></div>"
            "<div class='right'><h3>温馨提示</h3><p>请文明留言。</p><p>热门问题</p></div></div></body></html>")
    (tmp_path / "board.html").write_text(html, encoding="utf-8")
    interview = parse_file(tmp_path / "board.html")
    assert [p.text for p in interview.passages if p.kind == "answer"] == [
        "今年6月底前加装120座，优先学校和医院附近的站台，资金已列入年度预算。", "5条主干线7月起延长到凌晨一点。"]
    assert interview.metadata.title == "网友留言_澜州市交通运输局"


def test_a_villages_head_speaks_for_the_villagers_committee() -> None:
    from index.parsing.people import split_org_role

    assert split_org_role("桑园村党支部书记、村委会主任") == ("桑园村村民委员会", "村党支部书记、村委会主任")
    assert split_org_role("埭口镇桑园村党总支书记") == ("埭口镇桑园村村民委员会", "村党总支书记")
    assert split_org_role("桑园村村民委员会副主任") == ("桑园村村民委员会", "村民委员会副主任")
    text = ("青石镇柳塘村村民代表会议记录\n\n主持人：郑远山（柳塘村党支部书记、村委会主任）\n\n"
            "郑远山：今天议一议村道硬化。\n\n村民郭大姐：村道什么时候修？\n\n郑远山：镇里已经批了，五月开工，六月底通车。\n\n"
            "泠州市青石镇柳塘村村民委员会\n2026年3月27日\n")
    interview = parse_text(text, "village.txt")
    assert {(p.speaker, p.role, p.bureau) for p in interview.passages if p.kind == "answer"} == {
        ("郑远山", "村党支部书记、村委会主任", "泠州市青石镇柳塘村村民委员会")}


# --- section 35: batch 28 (held out), rules tested on text of their own ---


def test_a_reception_days_record_its_fields_say_who_asked_who_received_and_who_answered() -> None:
    text = ("澜州市交通运输局局长接待日接访情况通报\n\n（一）公交站台问题\n\n接访时间：2026年3月4日上午\n\n"
            "来访人：孙某某（东城区居民）\n\n反映问题：东城区青杉路公交站台没有遮阳棚，来访人要求尽快加装。\n\n"
            "接待领导：局党组书记、局长 韩立峰\n\n陪同接待：市城市管理局党组成员、副局长 钱晓岚\n\n答复意见：\n\n"
            "韩立峰局长答复：今年6月底前加装遮阳棚，资金已列入预算。\n\n钱晓岚副局长答复：站台周边的占道摊点由城管部门当月清理。\n\n"
            "办理情况：正在办理。\n\n（二）夜班公交问题\n\n接访时间：2026年3月18日上午\n\n来访人：周某某（西城区居民）\n\n"
            "反映问题：西城区夜班公交太少，来访人询问能否增开。\n\n接待领导：局党组成员、副局长 马一鸣\n\n答复意见：\n\n"
            "5条主干线7月起延长到凌晨一点。\n\n办理情况：已办结。\n\n（三）桥下积水问题\n\n来访人：吴某某（西城区居民）\n\n"
            "反映问题：铁路桥下每逢下雨即积水，来访人询问何时改造。\n\n接待领导：局党组成员、副局长 马一鸣\n\n"
            "处理方式：转办（市城市管理局）\n\n答复意见：由承办单位按程序答复来访人。\n\n"
            "澜州市交通运输局\n\n2026年4月1日（此件公开发布）\n\n抄送：市信访局。\n")
    interview = parse_text(text, "reception.txt")
    assert interview.metadata.bureau == "澜州市交通运输局"
    assert [(t.question, t.answerer) for t in interview.turns if t.answer] == [
        ("东城区青杉路公交站台没有遮阳棚，来访人要求尽快加装。", "韩立峰"),
        ("东城区青杉路公交站台没有遮阳棚，来访人要求尽快加装。", "钱晓岚"),
        ("西城区夜班公交太少，来访人询问能否增开。", "马一鸣")]
    assert {(p.speaker, p.role, p.bureau) for p in interview.passages if p.kind == "answer"} == {
        ("韩立峰", "党组书记、局长", "澜州市交通运输局"), ("钱晓岚", "党组成员、副局长", "澜州市城市管理局"),
        ("马一鸣", "党组成员、副局长", "澜州市交通运输局")}
    assert not any("承办单位" in p.text for p in interview.passages)


def _record_pdf(lines: list[str]) -> bytes:
    """One page, one line a row at the left margin, 12 points a character."""
    page, buffer = _a4_page()
    page.setFont("WQY", 12)
    for n, line in enumerate(lines):
        page.drawString(60, 780 - 18 * n, line)
    page.save()
    return buffer.getvalue()


def test_a_pdf_records_field_after_a_full_line_that_ends_a_sentence_opens_a_paragraph(tmp_path: Path) -> None:
    full = "反映问题：小区门口的路灯坏了一个多月，晚上出行很不方便，来访人要求尽快修好。"  # as wide as the lines below it
    lines = ["澜州市城市管理局局长接待日接访记录", "", "来访人：郑某某（东城区居民）", full,
             "接待领导：局党组书记、局长 韩立峰", "答复意见：", "路灯本周内修复，并对全区路灯开展一次排查，今后发现损坏",
             "的路灯可以拨打城管服务热线，我们承诺两天内修好，维修结果通过短信告知。", "办理情况：已办结。"]
    (tmp_path / "record.pdf").write_bytes(_record_pdf(lines))
    interview = parse_file(tmp_path / "record.pdf")
    assert "接待领导" not in interview.text.split("反映问题：", 1)[1].split("\n")[0]
    assert [(t.question, t.answerer) for t in interview.turns if t.answer] == [
        ("小区门口的路灯坏了一个多月，晚上出行很不方便，来访人要求尽快修好。", "韩立峰")]


def test_a_customer_service_session_log_the_bot_and_the_agent_answer_as_the_unit(tmp_path: Path) -> None:
    text = ("# 公积金在线客服典型会话\n\n> 发布机构：澜州市住房公积金管理中心\n\n---\n\n## 会话一　提取\n\n- 会话编号：001\n\n"
            "**[系统]** 2026-05-06 09:31:05\n您已进入在线客服。\n\n**小澜（智能客服）** 09:31:05\n您好，请问有什么可以帮您？\n\n"
            "**用户** 09:31:40\n租房能提取公积金吗？\n\n**小澜（智能客服）** 09:31:42\n小澜猜您想问：\n1. 租房提取条件\n2. 租房提取额度\n"
            "请回复序号。\n\n**用户** 09:31:50\n1\n\n**小澜（智能客服）** 09:31:52\n无房职工租房可以按月提取，每月最多1500元。\n\n"
            "**用户** 09:32:30\n好的，明白了\n\n---\n\n## 会话二　异地贷款\n\n**用户** 10:12:36\n外地缴的公积金能在澜州贷款吗？\n\n"
            "**小澜（智能客服）** 10:12:38\n抱歉，小澜还在学习中，您可以回复“人工”转接人工客服。\n\n**用户** 10:12:50\n人工\n\n"
            "**[系统]** 10:12:51\n正在为您转接人工客服……\n\n**人工客服 0211** 10:13:40\n可以，异地缴存职工连续缴存满6个月即可申请。\n\n"
            "**用户** 10:15:02\n大厅周末上班吗？\n\n**小澜（智能客服）** 10:15:03\n抱歉，小澜暂时没有找到相关答案。\n")
    (tmp_path / "sessions.md").write_text(text, encoding="utf-8")
    interview = parse_file(tmp_path / "sessions.md")
    assert interview.metadata.bureau == "澜州市住房公积金管理中心"
    assert [(t.question, t.answerer, t.answer) for t in interview.turns if t.answer] == [
        ("租房能提取公积金吗？", "澜州市住房公积金管理中心", "无房职工租房可以按月提取，每月最多1500元。"),
        ("外地缴的公积金能在澜州贷款吗？", "澜州市住房公积金管理中心", "可以，异地缴存职工连续缴存满6个月即可申请。")]


def test_a_towns_briefing_villagers_ask_and_the_town_the_county_and_the_village_answer() -> None:
    text = ("青石镇政策宣讲会现场答疑实录\n\n宣讲答疑\t青石镇党委委员、副镇长　郑远山\n\n泠川县农业农村局农技推广股股长　罗晓芸\n\n"
            "柳塘村党支部书记、村委会主任　杜长河\n\n主持\t青石镇党政综合办公室主任　姜宁\n\n"
            "主持人：下面进入答疑环节。\n\n村民 老周（3组）：郑镇长，耕地补贴一亩给多少？\n\n郑副镇长：每亩105元，6月底前打到社保卡上。\n\n"
            "村民 吴大姐（5组）：稻虾共养有技术指导吗？\n\n主持人：这个问题请县农业农村局的罗股长来回答。\n\n"
            "县农业农村局 罗股长：有，县里每月派技术员到村里指导一次。\n\n杜书记：我补充一下，村里的培训报名找村委会。\n\n"
            "村民 老黄（4组）：村道什么时候硬化？\n\n主持人：这条路我们先记下来，会后由村里汇总报镇里，下一次宣讲会前给大家答复。\n\n"
            "泠州市泠川县青石镇人民政府\n\n2026年4月9日\n")
    interview = parse_text(text, "briefing.txt")
    assert interview.metadata.bureau == "泠州市泠川县青石镇人民政府"
    assert [(t.question, t.answerer) for t in interview.turns if t.answer] == [
        ("郑镇长，耕地补贴一亩给多少？", "郑远山"), ("稻虾共养有技术指导吗？", "罗晓芸"), ("稻虾共养有技术指导吗？", "杜长河")]
    assert {(p.speaker, p.role, p.bureau) for p in interview.passages if p.kind == "answer"} == {
        ("郑远山", "党委委员、副镇长", "泠州市泠川县青石镇人民政府"),
        ("罗晓芸", "农技推广股股长", "泠州市泠川县农业农村局"),
        ("杜长河", "村党支部书记、村委会主任", "泠州市泠川县青石镇柳塘村村民委员会")}


def test_a_host_passes_a_question_on_to_be_answered_later_at_some_length() -> None:
    text = ("澜州市交通运输局在线访谈\n\n嘉宾：澜州市交通运输局局长 韩立峰\n\n网友“晚风”：夜班公交能不能延长？\n\n"
            "韩局长：5条主干线7月起延长到凌晨一点。\n\n网友“老街坊”：省里什么时候出台票价补贴办法？\n\n"
            "主持人：这位网友的问题比较具体，我们已经记录下来，会后转请省交通运输厅相关处室研究，并在本网“网上信箱”栏目答复。\n\n"
            "主持人：还有网友关心站台遮阳棚。韩局长，什么时候加装？\n\n韩局长：今年6月底前加装120座。\n")
    interview = parse_text(text, "online.txt")
    assert [(t.question, t.answerer) for t in interview.turns if t.answer] == [
        ("夜班公交能不能延长？", "韩立峰"), ("还有网友关心站台遮阳棚。韩局长，什么时候加装？", "韩立峰")]


def test_a_forum_thread_verified_units_answer_the_posts_they_quote_or_name(tmp_path: Path) -> None:
    thread = ("澜州论坛 | 首页　问政\n澜州论坛 › 百姓问政 › 交通\n[交通] 青杉路公交站什么时候加遮阳棚？ [复制链接]\n\n"
              "#1楼　楼主\n晒伤的阿杰\n主题 2 | 帖子 30 | 积分 60\n发表于 2026-5-2 08:10\n\n青杉路公交站没有遮阳棚，夏天等车太晒了，能加吗？\n\n"
              "------------------\n我爱澜州\n\n回复　引用　举报　　支持(9)　反对(0)\n\n"
              "#2楼　沙发\n路人甲\n主题 1 | 帖子 5 | 积分 9\n发表于 2026-5-2 09:00\n\n顶！\n\n回复　引用　举报　　支持(1)　反对(0)\n\n"
              "#3楼\n夜班族\n主题 1 | 帖子 8 | 积分 12\n发表于 2026-5-2 10:00\n\n夜班公交能不能延长到凌晨一点？\n\n回复　引用　举报\n\n"
              "#4楼\n澜州交通　[政务认证：澜州市交通运输局官方账号]\n主题 50 | 帖子 900 | 积分 5000\n发表于 2026-5-3 16:00\n\n"
              "引用 晒伤的阿杰 发表于 2026-5-2 08:10\n青杉路公交站没有遮阳棚，夏天等车太晒了……\n\n"
              "网友您好！青杉路站台6月底前加装遮阳棚。\n\n回复　引用　举报　　支持(20)　反对(0)\n\n"
              "#5楼\n澜州公交集团　[政务认证：澜州市公共交通服务中心官方账号]\n主题 9 | 帖子 80 | 积分 700\n发表于 2026-5-4 09:00\n\n"
              "回复 3# 夜班族\n\n5条主干线7月起延长到凌晨一点。\n\n回复　引用　举报\n\n"
              "#6楼\n路人乙\n主题 0 | 帖子 2 | 积分 3\n发表于 2026-5-5 09:00\n\n公厕什么时候修好？\n\n回复　引用　举报\n\n"
              "关于我们 | 联系我们\n")
    (tmp_path / "thread.txt").write_text(thread, encoding="utf-8")
    interview = parse_file(tmp_path / "thread.txt")
    assert interview.metadata.title == "青杉路公交站什么时候加遮阳棚？"
    assert interview.metadata.bureau == "澜州市交通运输局"
    assert [(t.question, t.answerer, t.answer) for t in interview.turns if t.answer] == [
        ("青杉路公交站没有遮阳棚，夏天等车太晒了，能加吗？", "澜州市交通运输局", "网友您好！青杉路站台6月底前加装遮阳棚。"),
        ("夜班公交能不能延长到凌晨一点？", "澜州市公共交通服务中心", "5条主干线7月起延长到凌晨一点。")]
    assert not any(word in interview.text for word in ("顶！", "我爱澜州", "积分", "公厕"))


def test_a_records_next_numbered_part_after_the_last_answer_is_its_own_words_not_an_answer() -> None:
    text = ("澜州市交通运输局座谈会纪要\n\n一、会议情况\n\n3月4日，局长韩立峰主持召开企业座谈会。\n\n二、现场答疑\n\n"
            "企业代表：货车通行证什么时候能网上办？\n\n韩立峰：4月1日起在“澜州交通”小程序办理。\n\n三、下一步工作\n\n"
            "对企业反映的问题建立台账，逐项销号。\n\n澜州市交通运输局\n\n2026年3月5日\n")
    interview = parse_text(text, "minutes.txt")
    assert [p.text for p in interview.passages if p.kind == "answer"] == ["4月1日起在“澜州交通”小程序办理。"]
    summary = [p for p in interview.passages if p.kind == "summary"]
    assert [p.text for p in summary] == ["对企业反映的问题建立台账，逐项销号。"]
    assert summary[0].heading == "下一步工作"


def test_an_accounts_recommended_reading_credits_and_counts_are_no_ones_answer() -> None:
    text = ("# 医保小澜答网友问\n\n**网友“小满”**：异地就医要备案吗？\n\n**澜州市医疗保障局**：要，在“澜州医保”公众号上备案即可。\n\n"
            "来源丨市医保局　编辑丨小澜　审核丨周宁\n\n阅读 3.2万　分享 　点赞 486　在看 203\n\n**往期推荐**\n\n"
            "- [医保码能用来干啥？](https://mp.weixin.qq.example/s/Ef2)\n- [门诊慢特病怎么申请？](https://mp.weixin.qq.example/s/Gh4)\n")
    interview = parse_text(text, "account.md")
    assert [p.text for p in interview.passages if p.kind == "answer"] == ["要，在“澜州医保”公众号上备案即可。"]


# --- section 36: batch 29 (held out), rules tested on text of their own ---


def test_an_open_day_a_companys_engineer_beside_a_bureaus_section_chief_and_visitors_described() -> None:
    text = ("澜州市水务局开放日现场交流实录\n\n参观结束后，市水务局供水管理科科长韩立峰、澜州水务集团有限公司东郊水厂总工程师钱晓岚与市民交流。\n\n"
            "社区志愿者 彭女士：楼顶水箱多久洗一次？\n\n韩立峰：水箱每半年至少清洗消毒一次。\n\n"
            "澜南区实验小学五年级学生 葛小宇：水在水厂里要待多久？\n\n钱晓岚：大约6个小时。\n")
    interview = parse_text(text, "open-day.txt")
    assert interview.metadata.bureau == "澜州市水务局"
    assert [(t.asker, t.answerer) for t in interview.turns if t.answer] == [
        ("社区志愿者 彭女士", "韩立峰"), ("澜南区实验小学五年级学生 葛小宇", "钱晓岚")]
    assert {(p.speaker, p.role, p.bureau) for p in interview.passages if p.kind == "answer"} == {
        ("韩立峰", "供水管理科科长", "澜州市水务局"), ("钱晓岚", "澜州水务集团有限公司东郊水厂总工程师", "")}


def test_a_schools_consultation_parents_ask_and_the_districts_own_bureau_is_named_in_full() -> None:
    text = ("2026年澜州市澜东区义务教育招生政策咨询会\n\n主办：澜东区教育局\n\n答疑嘉宾：区教育局基础教育科科长　韩立峰\n\n"
            "澜东区实验小学校长　钱晓岚\n\n家长 陈女士：户口在学区但房子卖了，还能上实验小学吗？\n\n"
            "韩科长：不能再按户籍对口入学，按实际居住地租房入学。\n\n家长（一年级新生家长）：有没有课后托管？\n\n"
            "钱校长：有，放学后延长到下午5点半。\n\n澜东区教育局办公室　整理\n")
    interview = parse_text(text, "consultation.txt")
    assert interview.metadata.bureau == "澜州市澜东区教育局"
    assert {(p.speaker, p.role, p.bureau) for p in interview.passages if p.kind == "answer"} == {
        ("韩立峰", "基础教育科科长", "澜州市澜东区教育局"), ("钱晓岚", "校长", "澜州市澜东区实验小学")}


def test_a_hotline_digest_each_work_order_answered_by_its_units_and_one_passed_on() -> None:
    text = ("澜州市12345热线工单办理情况通报\n\n【工单1】\n工单号：LZ001\n诉求人：张女士（来电尾号4471）\n"
            "诉求内容：烧烤店每天晚上把桌子摆到人行道上，希望有关部门管一管。\n承办单位：澜州市城市管理局\n"
            "办理结果：执法人员已责令其将桌椅收回店内，并处500元罚款。\n回访情况：诉求人满意。\n\n【工单2】\n工单号：LZ002\n"
            "诉求人：匿名\n诉求内容：公交站早高峰一等就是二十多分钟。能不能多发几趟车？\n另外站台没有顶棚。\n"
            "承办单位：澜州市交通运输局（主办）、澜州市澜东区青杉街道办事处（协办）\n办理结果：\n"
            "【主办单位答复】18路早高峰发车间隔由12分钟缩短为8分钟。\n【协办单位答复】街道已在站台旁设置临时遮雨棚。\n\n"
            "【工单3】\n工单号：LZ003\n诉求人：王先生（来电尾号2286）\n诉求内容：老宅基地上的房子想办证，要准备哪些材料？\n"
            "承办单位：澜州市自然资源和规划局\n办理结果：该诉求已转澜州市澜西县人民政府办理，办理结果由承办单位另行答复诉求人。\n")
    interview = parse_text(text, "hotline.txt")
    assert [(t.question, t.answerer, t.answer) for t in interview.turns if t.answer] == [
        ("烧烤店每天晚上把桌子摆到人行道上，希望有关部门管一管。", "澜州市城市管理局", "执法人员已责令其将桌椅收回店内，并处500元罚款。"),
        ("公交站早高峰一等就是二十多分钟。能不能多发几趟车？\n另外站台没有顶棚。", "澜州市交通运输局",
         "18路早高峰发车间隔由12分钟缩短为8分钟。"),
        ("公交站早高峰一等就是二十多分钟。能不能多发几趟车？\n另外站台没有顶棚。", "澜州市澜东区青杉街道办事处",
         "街道已在站台旁设置临时遮雨棚。")]
    assert not any("另行答复" in p.text or "LZ00" in p.text for p in interview.passages)


def test_a_rectification_notice_units_named_before_their_own_reports_and_one_passed_on() -> None:
    text = ("澜州市政务服务差评整改情况公示\n\n（一）\n\n差评编号：HCP001\n\n评价等级：不满意\n\n"
            "差评内容：APP上人脸识别一直失败，老人配合不了。\n\n整改单位：澜州市医疗保障局（主责）、澜州市政务服务和数据管理局（平台运维）\n\n"
            "澜州市医疗保障局整改情况：已上线“亲友代办”功能，子女可代为备案。\n\n"
            "澜州市政务服务和数据管理局整改情况：人脸识别组件已升级，增加慢速检测模式。\n\n回访结果：满意。\n\n（二）\n\n"
            "差评编号：HCP002\n\n差评内容：窗口只开了两个，等了两个多小时。\n\n整改单位：澜州市澜东区人民政府\n\n"
            "处理情况：该事项已转澜东区人民政府核查整改，整改情况将在下一期公示。\n\n澜州市政务服务和数据管理局\n\n2026年3月6日\n")
    interview = parse_text(text, "notice.txt")
    assert interview.metadata.bureau == "澜州市政务服务和数据管理局"
    assert [(t.question, t.answerer) for t in interview.turns if t.answer] == [
        ("APP上人脸识别一直失败，老人配合不了。", "澜州市医疗保障局"),
        ("APP上人脸识别一直失败，老人配合不了。", "澜州市政务服务和数据管理局")]


def test_a_weibo_topic_page_verified_accounts_answer_the_posts_and_follow_ups_they_reply_to(tmp_path: Path) -> None:
    page = ("# #问政澜州#\n\n话题主持人：@澜州发布\n\n阅读 1.2亿 ｜ 讨论 2.8万\n\n[综合] [实时]\n\n---\n\n### 夜跑人\n\n"
            "4月1日 07:52 来自 iPhone\n\n#问政澜州# 路口左转绿灯只有15秒，能不能调长一点？@澜州公安\n\n转发 36 ｜ 评论 58 ｜ 赞 412\n\n"
            "**评论（按热度）**\n\n- **澜州公安** ✓ 澜州市公安局官方微博：回复@夜跑人：自4月3日起左转绿灯延长至28秒。\n"
            "  04-01 15:36　👍 203\n- **吃瓜群众**：同问\n  04-01 08:15　👍 45\n\n---\n\n### 老周\n\n3月30日 18:44 来自 微博网页版\n\n"
            "#问政澜州# 老楼加装电梯补多少？@澜州住建\n\n转发 21 ｜ 评论 40 ｜ 赞 276\n\n**评论（按热度）**\n\n"
            "- **澜州住建** ✓ 澜州市住房和城乡建设局官方微博：回复@老周：每部电梯补助20万元。\n"
            "  - **老周**：回复@澜州住建：一楼邻居不同意怎么办？\n"
            "  - **澜州住建** ✓ 澜州市住房和城乡建设局官方微博：回复@老周：可以由社区组织协商。\n"
            "- **澜州发布** ✓ 澜州市人民政府新闻办公室官方微博：已转@澜州住建 ，请关注回复。\n")
    (tmp_path / "topic.md").write_text(page, encoding="utf-8")
    interview = parse_file(tmp_path / "topic.md")
    assert interview.metadata.title == "问政澜州"
    assert [(t.question, t.answerer, t.answer) for t in interview.turns if t.answer] == [
        ("路口左转绿灯只有15秒，能不能调长一点？@澜州公安", "澜州市公安局", "自4月3日起左转绿灯延长至28秒。"),
        ("老楼加装电梯补多少？@澜州住建", "澜州市住房和城乡建设局", "每部电梯补助20万元。"),
        ("一楼邻居不同意怎么办？", "澜州市住房和城乡建设局", "可以由社区组织协商。")]
    assert not any(word in interview.text for word in ("同问", "已转", "👍", "阅读 1.2亿"))


def test_an_answerer_field_naming_a_person_with_a_remark_is_no_list_of_units_parts() -> None:
    text = ("澜州市水务局答网友问\n\n提问人：网友“小满”\n\n问题描述：楼顶水箱多久清洗一次？\n\n"
            "答疑专家：欧阳明远（市水务局副局长）\n\n水箱每半年至少清洗消毒一次。\n\n提问人：网友“老周”\n\n"
            "问题描述：自来水有漂白粉味还能喝吗？\n\n答疑专家：欧阳明远（市水务局副局长）\n\n那是余氯的气味，可以放心喝。\n")
    interview = parse_text(text, "qa.txt")
    assert {(p.speaker, p.role, p.bureau) for p in interview.passages if p.kind == "answer"} == {
        ("欧阳明远", "副局长", "澜州市水务局")}
