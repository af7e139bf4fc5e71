"""A small FICTIONAL corpus for the follow-up tests (海川市 is invented): an answer cut at its sub-headings, so that
"还有呢" has a next passage, and a second bureau on a neighbouring topic, so that a follow-up without its subject
can land on the wrong one."""

from __future__ import annotations

from pathlib import Path

FARMING = """---
title: 海川市农业农村局谈春耕保障（虚构）
bureau: 海川市农业农村局
interviewee: 周禾
role: 局长
outlet: 海川日报
date: 2023-04-01
---
海川市农业农村局谈春耕保障

本文为虚构示例，仅供测试。海川日报记者专访了海川市农业农村局局长周禾。

记者：今年春耕有哪些保障措施？

周禾：今年春耕我们重点做了三件事。

一是保障稻种供应

全市调运稻种1200吨，对种粮户每亩补贴种子款20元，稻种在3月底前全部送到村。

二是组织农机作业

组织农机手3000人次下田，机耕面积达到45万亩，比去年增加5万亩。

三是稳定化肥价格

化肥价格保持平稳，查处哄抬化肥价格案件6起，罚没款12万元。

记者：耕地地力保护补贴什么时候发？

周禾：耕地地力保护补贴标准为每亩110元，6月底前通过一卡通发放到户。
"""

FISHERY = """---
title: 海川市海洋渔业局谈休渔（虚构）
bureau: 海川市海洋渔业局
interviewee: 林渔
role: 局长
outlet: 海川晚报
date: 2023-05-01
---
海川市海洋渔业局谈休渔

本文为虚构示例，仅供测试。海川晚报记者专访了海川市海洋渔业局局长林渔。

记者：今年伏季休渔从什么时候开始？

林渔：今年伏季休渔从5月1日12时开始，全市860艘渔船全部回港。

记者：休渔期间渔民有补助吗？

林渔：休渔期间每艘渔船发放生活补助8000元，补助资金共688万元，7月底前发放。
"""


def write_dialogue_corpus(folder: Path) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "fictional-farming.md").write_text(FARMING, encoding="utf-8")
    (folder / "fictional-fishery.md").write_text(FISHERY, encoding="utf-8")
    return folder
