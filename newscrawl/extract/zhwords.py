"""Chinese words that sit beside bylines and dates but are never a person or an outlet.

Places (provinces, regions and the shape of county and city names), weekdays
in Simplified and Traditional script, and the IP-location lines that
self-media platforms print next to the date ("来自甘肃", "发布于北京", "IP属地：广东").
"""

from __future__ import annotations

import re

# Provincial-level divisions, short forms first-class: "山东", "内蒙古", "香港".
PROVINCES = (
    "北京", "天津", "上海", "重庆", "河北", "山西", "辽宁", "吉林", "黑龙江", "江苏", "浙江", "安徽",
    "福建", "江西", "山东", "河南", "湖北", "湖南", "广东", "海南", "四川", "贵州", "云南", "陕西",
    "甘肃", "青海", "台湾", "内蒙古", "广西", "西藏", "宁夏", "新疆", "香港", "澳门",
)
_PROVINCE = "|".join(sorted(PROVINCES, key=len, reverse=True))
# A place as written after a reporter's name: a province, optionally a city or county after it,
# or a name ending in a division word ("山东冠县", "冠县", "济南市", "浦东新区").
# 镇 and 乡 end given names too ("王镇"), so they mark a place only after two characters.
PLACE = re.compile(
    rf"^(?:(?:{_PROVINCE})(?:省|市|自治区|特别行政区)?[\u4e00-\u9fff]{{0,6}}?"
    r"|[\u4e00-\u9fff](?:省|市|县|区|州)|[\u4e00-\u9fff]{2,6}(?:省|市|县|区|州|盟|旗|镇|乡))$"
)
# Weekdays: 星期三, 礼拜三, 周三, 週三 (and the 日/天 forms), with or without brackets.
WEEKDAY = re.compile(r"^[(（]?(?:星期|礼拜|禮拜|周|週)[一二三四五六日天][)）]?$")
# The poster's location that platforms print beside the date: "IP属地：广东", or a place
# after 来自/发布于/发表于 ("来自甘肃", "发布于北京").
_IP_LABEL = re.compile(r"IP\s*[属屬]地", re.I)
_LOCATED = re.compile(r"^[·•|\s]*(?:来自|來自|发布于|發佈於|发表于|發表於)\s*[:：]?\s*(?P<place>\S+)$")


# The common surnames (about nine in ten people carry one of them), single and compound:
# an unlabelled word beside a date is read as a person only when it starts with one.
SURNAMES = frozenset(
    "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖萧田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈"
    "姚卢姜崔钟谭陆汪范金石廖贾夏韦付傅方白邹孟熊秦邱江尹薛闫阎段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤"
    "常温康施文牛樊葛邢安齐易乔伍庞颜倪庄聂章鲁岳翟殷詹申欧耿关兰焦俞左柳甘祝包宁尚符舒阮柯纪梅童凌毕单季裴霍"
    "涂成苗谷盛曲翁冉骆蓝路游辛靳管柴蒙鲍华喻祁蒲房滕屈饶解牟艾尤阳时穆农司卓古吉缪简车项连芦麦褚娄窦戚岑景党"
    "宫费卜冷晏席卫米柏宗瞿桂全佟应臧闵苟邬边卞姬师和仇栾隋商刁沙荣巫寇桑郎甄丛仲虞敖巩明佘池查麻苑迟邝"
    "張劉陳楊黃趙吳孫馬鄭謝韓馮鄧蕭葉蘇呂盧譚陸範賈錢戴龔嚴溫聶魯")
COMPOUND_SURNAMES = ("欧阳", "司马", "上官", "诸葛", "东方", "皇甫", "尉迟", "公孙", "慕容", "长孙", "宇文", "司徒",
                     "夏侯", "令狐", "端木", "歐陽", "司馬")
_PERSON = re.compile(r"^[\u4e00-\u9fff]{2,4}$")


def looks_like_person(word: str) -> bool:
    """Return True for two to four Han characters starting with a common surname (王小明, 欧阳明)."""
    if not _PERSON.match(word) or is_place(word):
        return False
    if word[:2] in COMPOUND_SURNAMES:
        return len(word) >= 3
    return word[0] in SURNAMES and len(word) <= 3


def is_place(word: str) -> bool:
    """Return True for a place name (a province, a city or county, or both run together)."""
    return PLACE.match(word) is not None


def is_not_a_credit(token: str) -> bool:
    """Return True for a weekday or a poster-location word that stands beside a date."""
    if WEEKDAY.match(token) or _IP_LABEL.search(token):
        return True
    located = _LOCATED.match(token)
    return located is not None and is_place(located.group("place"))
