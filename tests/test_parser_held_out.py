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
