"""37. What the thirtieth batch of layouts (held out) found, each rule tested on text of its own: a feedback table with
merged cells, a village ledger in a Word table, a live stream's transcript with its overlays, a 接龙 answered by
number and a tri-fold leaflet (tests/test_parser_held_out.py holds sections 1 to 36)."""

from __future__ import annotations

import io
from pathlib import Path

import docx

from index.parsing.parser import parse_file, parse_text


def test_a_feedback_table_with_merged_cells_is_read_row_by_row(tmp_path: Path) -> None:
    page = ("<html><head><title>意见采纳情况</title></head><body><h1>《澜州市养犬管理办法（征求意见稿）》意见采纳情况的说明</h1>"
            "<p>澜州市公安局 2026年5月6日</p><table><tr><th rowspan='2'>序号</th><th rowspan='2'>意见建议</th>"
            "<th colspan='3'>办理情况</th></tr><tr><th>答复单位</th><th>采纳情况</th><th>理由说明</th></tr>"
            "<tr><td colspan='5'>一、关于登记</td></tr>"
            "<tr><td rowspan='2'>1</td><td rowspan='2'>办狗证能不能网上办？收费多少？</td><td>澜州市公安局</td><td>采纳</td>"
            "<td>第八条规定养犬登记可以通过“澜州警务”小程序办理。</td></tr>"
            "<tr><td>澜州市发展和改革委员会</td><td>予以说明</td><td>登记费每只每年50元，由我委核定。</td></tr>"
            "<tr><td>2</td><td>遛狗不牵绳的能不能罚？</td><td rowspan='2'>澜州市城市管理局</td><td>采纳</td>"
            "<td>第十五条规定未牵绳的处200元罚款。</td></tr>"
            "<tr><td>3</td><td>建议给养犬户发补贴。</td><td>转有关部门研究</td><td>涉及财政资金，已转市财政局研究。</td></tr>"
            "</table></body></html>")
    (tmp_path / "feedback.html").write_text(page, encoding="utf-8")
    interview = parse_file(tmp_path / "feedback.html")
    assert [(t.question, t.answerer, t.answer) for t in interview.turns if t.answer] == [
        ("办狗证能不能网上办？收费多少？", "澜州市公安局", "采纳：第八条规定养犬登记可以通过“澜州警务”小程序办理。"),
        ("办狗证能不能网上办？收费多少？", "澜州市发展和改革委员会", "予以说明：登记费每只每年50元，由我委核定。"),
        ("遛狗不牵绳的能不能罚？", "澜州市城市管理局", "采纳：第十五条规定未牵绳的处200元罚款。")]
    assert not any("财政局研究" in p.text for p in interview.passages if p.kind == "answer")


def _ledger(rows: list[tuple[str, str, str]]) -> bytes:
    """A 村民说事 ledger: a title naming the county, town and village, then a table of 说事人 | 说事内容 | 议事情况, the
    first column's date merged down over the first two rows."""
    document = docx.Document()
    document.add_paragraph("青溪县柳塘镇桂花村“村民说事”工作台账")
    table = document.add_table(rows=len(rows) + 1, cols=4)
    for cell, text in zip(table.rows[0].cells, ("说事日期", "说事人", "说事内容", "议事情况（答复意见）")):
        cell.text = text
    for row, (who, asked, answered) in zip(table.rows[1:], rows):
        row.cells[0].text, row.cells[1].text, row.cells[2].text = "1月5日", who, asked
        row.cells[3].text = answered
    table.cell(1, 0).merge(table.cell(2, 0))
    document.add_paragraph("本台账在澜州市青溪县柳塘镇人民政府网站同步发布。")
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def test_a_village_ledger_credits_each_answer_to_its_official_of_the_places_the_title_names(tmp_path: Path) -> None:
    (tmp_path / "ledger.docx").write_bytes(_ledger([
        ("3组 蒋福根", "到镇上的公交一天只有两班，能不能多开几班？", "镇党委委员、副镇长周明答复：从2月1日起中午增开一班。"),
        ("5组 汤秀英", "土坯房漏雨，能申请危房改造吗？",
         "镇村镇建设办公室主任凌杰答复：可以申请，先做鉴定。\n县住建局村镇建设股股长贺川补充：C级危房每户补助1.5万元。"),
        ("2组 汤志高", "路灯坏了什么时候修？", "村党支部书记、村委会主任覃义答复：3月10日前修好。"),
        ("4组 韦桂芳", "流转费什么时候发？", "覃义答复：4月底前发放到户。")]))
    interview = parse_file(tmp_path / "ledger.docx")
    assert interview.metadata.bureau == "澜州市青溪县柳塘镇人民政府"
    assert [(t.question, t.answerer) for t in interview.turns if t.answer] == [
        ("到镇上的公交一天只有两班，能不能多开几班？", "周明"), ("土坯房漏雨，能申请危房改造吗？", "凌杰"),
        ("土坯房漏雨，能申请危房改造吗？", "贺川"), ("路灯坏了什么时候修？", "覃义"), ("流转费什么时候发？", "覃义")]
    assert {(p.speaker, p.role, p.bureau) for p in interview.passages if p.kind == "answer"} == {
        ("周明", "党委委员、副镇长", "澜州市青溪县柳塘镇人民政府"),
        ("凌杰", "村镇建设办公室主任", "澜州市青溪县柳塘镇人民政府"),
        ("贺川", "村镇建设股股长", "澜州市青溪县住建局"),
        ("覃义", "村党支部书记、村委会主任", "澜州市青溪县柳塘镇桂花村村民委员会")}


def test_a_live_streams_overlays_are_no_ones_and_the_host_by_screen_name_asks() -> None:
    text = ("澜州市就业政策直播间 文字实录\n\n直播嘉宾：\n　　澜州市人力资源和社会保障局副局长　邝玉衡\n"
            "主播：“澜州人社”新媒体主播　小澜（宁小溪）\n\n"
            "[00:00:06] 小澜：各位朋友晚上好！我是主播小澜，有问题都可以发在弹幕里。\n[00:00:41] 邝玉衡：主播好，网友们晚上好！\n"
            "[00:00:49] 【弹幕】岙东小陈：来了来了\n[00:00:55] 小澜：我们先请邝局长给大家开个头。\n"
            "[00:00:58] 小澜：邝局长，今年在稳就业方面有哪些新举措？\n[00:01:10] 邝玉衡：一季度发布岗位3.8万个。\n"
            "[00:03:48] 【系统】直播间人数突破5000人\n"
            "[00:04:02] 【弹幕】阿梅：失业金领完了还能领别的补贴吗？\n"
            "[00:12:55] 小澜：公积金的问题不归人社部门管，我们记下来，会后转给市住房公积金管理中心，请他们在评论区回复大家。\n"
            "[00:13:15] 小澜：网友“小鹿”说：见习期间有工资吗？\n[00:13:30] 邝玉衡：见习期间每月发放基本生活费2100元。\n")
    interview = parse_text(text, "live.txt")
    assert [(t.question, t.answerer, t.answer) for t in interview.turns if t.answer] == [
        ("邝局长，今年在稳就业方面有哪些新举措？", "邝玉衡", "一季度发布岗位3.8万个。"),
        ("网友“小鹿”说：见习期间有工资吗？", "邝玉衡", "见习期间每月发放基本生活费2100元。")]
    assert not any("弹幕】" in p.text or "系统】" in p.text for p in interview.passages)


def test_questions_listed_by_number_are_answered_under_headings_that_name_them(tmp_path: Path) -> None:
    text = ("# 加装电梯｜接龙里的问题集中答复来了！\n\n澜州市澜东区潆湾街道泫水社区征集了居民的问题，答复整理如下。\n\n"
            "**本期答复人**\n\n- 潆湾街道办事处城市建设管理办公室副主任　汪启明\n"
            "- 澜东区住房和城乡建设局加装电梯工作专班工程师　楚衡\n- 泫水社区党委书记、居委会主任　黎晓岚\n\n"
            "## 一、接龙原文\n\n> 1. 3栋　王姐　一楼两户不同意，还能装吗？\n> 2. 5栋　老李　政府补多少钱？\n"
            "> 3. 3栋　小周　同问楼上\n> 4. 5栋　李家老二　补贴去哪里申请？\n> 5. 9栋　林　公积金能提出来交分摊费用吗？\n"
            "> 6. 8栋　陈阿姨　电梯的电费谁出？\n\n## 二、逐条答复\n\n**第1条　3栋　王姐**\n\n"
            "**黎书记：**表决比例达到了就可以装。\n\n**第2条　5栋　老李**\n**第4条　5栋　李家老二**\n\n"
            "**楚工：**每台补助20万元，在小程序上申请。\n\n**第5条　9栋　林**\n\n"
            "这个问题已转澜州市住房公积金管理中心，待其答复后在群内通知大家。\n\n**第6条　8栋　陈阿姨**\n\n"
            "**汪主任：**由使用电梯的业主共同承担。\n")
    (tmp_path / "jielong.md").write_text(text, encoding="utf-8")
    interview = parse_file(tmp_path / "jielong.md")
    assert [(t.question, t.answerer) for t in interview.turns if t.answer] == [
        ("一楼两户不同意，还能装吗？", "黎晓岚"), ("政府补多少钱？补贴去哪里申请？", "楚衡"), ("电梯的电费谁出？", "汪启明")]
    assert {(p.speaker, p.role, p.bureau) for p in interview.passages if p.kind == "answer"} == {
        ("黎晓岚", "社区党委书记、居委会主任", "澜州市澜东区潆湾街道泫水社区居民委员会"),
        ("楚衡", "加装电梯工作专班工程师", "澜州市澜东区住房和城乡建设局"),
        ("汪启明", "城市建设管理办公室副主任", "澜州市澜东区潆湾街道办事处")}
    assert not any("3栋　王姐" in p.text for p in interview.passages)  # an item answered is not indexed twice


def _tri_fold() -> bytes:
    """Two landscape pages of three panels each, the panels' lines at heights of their own: the inside flap, the back
    and the cover (its maker line at the bottom), then three panels of questions, a ruled table in the first and an
    answer running from its last line on to the top of the second."""
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont
    from reportlab.pdfgen import canvas

    pdfmetrics.registerFont(TTFont("WQY", "/usr/share/fonts/truetype/wqy/wqy-microhei.ttc", subfontIndex=0))
    buffer = io.BytesIO()
    page = canvas.Canvas(buffer, pagesize=(842, 595), invariant=1)
    panels = [
        [["参保小问答", "城乡居民医保是政府组织实施的基本", "医疗保障制度。下面这些问题，是大", "家咨询最多的：",
          "01 谁可以参加城乡居民医保？", "户籍在本市的城乡居民，包括农村居", "民、在校学生和灵活就业人员，都可", "以在户籍地参加。",
          "02 住院能报销多少？", "一级医院住院报销85%，二级医院报", "销75%，三级医院报销65%。"],
         ["咨询服务", "医保服务热线：0123-12393", "工作日8:30—17:30", "税务缴费咨询：0123-12366",
          "服务大厅：澜州市民中心3楼", "各乡镇便民服务中心均可办理"],
         ["城乡居民医保", "参保缴费明白折页", "（2027年度）", "一人参保 全家安心", "扫码关注“澜州医保”公众号",
          "澜州市医疗保障局 编印"]],
        [["03 门诊看病能报销吗？", "能。基层门诊报销60%，年度限额", "800元。", "04 错过了缴费期怎么办？",
          "集中缴费期结束后参保缴费的，设置", "3个月的待遇等待期。连续2年以上中", "断缴费的，再次参保时每多"],
         ["中断1年，增加1个月的等待期。", "05 到外地看病怎么报销？", "办理异地就医备案后，在就医地直接", "结算。",
          "06 参军了缴的钱能退吗？", "入伍的可以申请退还当年已缴纳的个", "人缴费。"],
         ["温馨提示", "医保卡不得出借给他人使用。", "医保部门不会要求您转账，", "谨防电信诈骗！", "更多政策请咨询",
          "医保服务热线。"]]]
    for number, columns in enumerate(panels):
        for n, lines in enumerate(columns):
            page.setFont("WQY", 11)
            for k, line in enumerate(lines):  # the first line at the top edge, the panels' lines at different heights
                page.drawString(30 + n * 280, 575 - n * 7 - k * 18 - (60 if number and not n and k >= 3 else 0), line)
        if number:  # a ruled table of two rows in the first panel, between the third question's answer and the fourth
            for row, cells in enumerate((("一级医院", "报销85%"), ("二级医院", "报销75%"))):
                for col, cell in enumerate(cells):
                    page.rect(30 + col * 110, 505 - row * 24, 110, 24)
                    page.drawString(36 + col * 110, 513 - row * 24, cell)
        page.showPage()
    page.save()
    return buffer.getvalue()


def test_a_tri_fold_leaflet_is_read_panel_by_panel(tmp_path: Path) -> None:
    (tmp_path / "leaflet.pdf").write_bytes(_tri_fold())
    interview = parse_file(tmp_path / "leaflet.pdf")
    assert interview.metadata.bureau == "澜州市医疗保障局"
    turns = [(t.question, t.answer) for t in interview.turns if t.answer]
    assert [question for question, _ in turns] == [
        "谁可以参加城乡居民医保？", "住院能报销多少？", "门诊看病能报销吗？", "错过了缴费期怎么办？", "到外地看病怎么报销？",
        "参军了缴的钱能退吗？"]
    assert turns[0][1] == "户籍在本市的城乡居民，包括农村居民、在校学生和灵活就业人员，都可以在户籍地参加。"
    assert turns[3][1] == ("集中缴费期结束后参保缴费的，设置3个月的待遇等待期。连续2年以上中断缴费的，再次参保时每多中断1年，"
                           "增加1个月的等待期。")
    assert turns[4][1] == "办理异地就医备案后，在就医地直接结算。"
    assert turns[2][1] == "能。基层门诊报销60%，年度限额800元。\n一级医院\t报销85%\n二级医院\t报销75%"  # the table in its panel
    assert not any("编印" in p.text for p in interview.passages)  # the imprint names the unit, and is no one's words


def test_a_markdown_pages_first_heading_is_its_title_though_it_exclaims(tmp_path: Path) -> None:
    page = ("# 加装电梯｜接龙里的问题集中答复来了！\n\n原创　澜湾发布　*2026年05月12日 18:30*\n\n问：补多少钱？\n\n"
            "答：每台补助20万元。\n")
    (tmp_path / "article.md").write_text(page, encoding="utf-8")
    interview = parse_file(tmp_path / "article.md")
    assert interview.metadata.title == "加装电梯｜接龙里的问题集中答复来了！"
    assert not any(p.text.startswith("#") for p in interview.passages)
