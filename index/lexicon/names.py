"""Chinese surnames: the common single ones and the compound ones, as the parser (index.parsing.people) and the
whole-text checks (index.claims.speakers) read a person's name (周启航, 欧阳明) apart from a word (大家, 今天)."""

from __future__ import annotations

# Common single-character surnames, the most frequent first.
SINGLE_SURNAMES = frozenset(
    "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金"
    "石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤常温康施文牛樊葛邢安齐易乔伍庞颜倪庄聂章"
    "鲁岳翟殷詹申欧耿关兰焦俞左柳甘祝包宁尚符舒阮柯纪梅童凌毕单季裴霍涂成苗谷盛曲翁冉骆蓝路游辛靳管柴蒙鲍华喻祁蒲房滕屈饶解牟"
    "艾尤阳时穆农司卓古吉缪简车项连芦麦褚娄窦戚岑景党宫费卜冷晏席卫米柏宗瞿桂全佟应臧闵苟邬边卞姬师和仇栾隋商刁沙荣巫寇桑郎甄"
    "丛仲虞敖巩明佘池查麻苑迟邝官封谈匡鞠惠荆乐冀郁胥南班储原栗燕楚鄢劳谌奚皮粟冼蔺楼盘满闻位厉伊仝区郜海阚花权强帅屠豆朴盖练"
    "廉禹井祖漆巴丰支卿国狄平计索宣晋相初门云容敬来扈晁芮都普阙浦戈伏鹿薄邸雍辜羊阿乌母裘亓修邰赫杭况那宿鲜印逯隆茹诸战慕危玉"
    "银亢嵇公哈湛宾戎勾茅利於呼居揭干但尉冶斯元束檀衣信展阴昝智幸奉植衡富尧闭由嵩帖蔚钮"
    # rarer ones of the 百家姓 whose character starts no common word (蒯, 宓, 阎: 蒯文轩, 宓嘉言)
    "蒯宓郦酆訾逄夔隗濮郗笪芈仉缑闾眭宦綦谯阎邴郏弓荀籍蓟"
    # common ones the list had left out (傅, 萧, 赖) and rarer 百家姓 ones that start no word (贲, 殳, 佴, 璩, 禚: 贲国栋)
    "傅萧赖贲殳佴璩禚钭韶莘卻庾暨厍乜竺桓郈庹汝"
    # 沃 and 鄂 of the 百家姓, and 禤, a Cantonese surname (沃佳宁, 鄂晓婷, 禤思齐)
    "沃禤鄂"
)
# 百家姓 surnames whose character starts common words (贝壳, 毕竟 aside): read as a surname only before a title (贝主任)
SURNAMES_BEFORE_A_TITLE = frozenset("贝洪")  # 洪 starts 洪水, 洪峰
COMPOUND_SURNAMES = frozenset({"欧阳", "司马", "上官", "诸葛", "东方", "皇甫", "尉迟", "公孙", "慕容", "长孙", "宇文", "司徒",
                               "夏侯", "轩辕", "令狐", "钟离", "闻人", "端木", "南宫", "西门", "独孤", "申屠", "澹台", "呼延",
                               "万俟"})
